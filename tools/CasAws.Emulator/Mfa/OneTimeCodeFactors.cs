using System.Collections.Concurrent;
using System.Security.Cryptography;
using CasAws.Emulator.Config;
using CasAws.Emulator.Sts;

namespace CasAws.Emulator.Mfa;

/// <summary>
/// CAS's code-based MFA providers: Google Authenticator (TOTP per registered device, each code once),
/// YubiKey (Yubico OTP decrypted with the key's AES secret, counters only go up) and CAS Simple MFA
/// (tokens CAS would send by e-mail or SMS; here the control API issues them). Time is the emulator's
/// clock, so moving it also moves the codes.
/// </summary>
public sealed class OneTimeCodeFactors
{
    public const string SimpleTokenPrefix = "CASMFA-";

    private readonly EmulatorClock _clock;
    private readonly ConcurrentDictionary<string, byte> _usedTotp = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _yubiKeyCounters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _yubiKeyTouches = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SimpleToken> _simpleTokens = new(StringComparer.Ordinal);

    public OneTimeCodeFactors(EmulatorClock clock) => _clock = clock;

    private sealed record SimpleToken(string User, string Server, DateTimeOffset Expires);

    /// <summary>
    /// CAS's Google Authenticator check: the device named by <paramref name="account"/>, or the user's only
    /// device (several devices and no account fails); the code of a step inside the window; never a used one.
    /// </summary>
    public bool VerifyGoogleAuthenticator(UserConfig user, string? code, string? account, int windowSize)
    {
        if (string.IsNullOrEmpty(code)) return false;
        GoogleAuthenticatorDeviceConfig? device;
        if (string.IsNullOrEmpty(account)) device = user.GoogleAuthenticator.Count == 1 ? user.GoogleAuthenticator[0] : null;
        else device = long.TryParse(account, out var id) ? user.GoogleAuthenticator.FirstOrDefault(d => d.Id == id) : null;
        if (device is null) return false;
        var step = Totp.MatchingStep(Base32.Decode(device.Secret), code, _clock.UtcNow, Math.Max(0, (windowSize - 1) / 2));
        return step is not null && _usedTotp.TryAdd($"{user.Username}\n{device.Id}\n{code}", 0);
    }

    /// <summary>The code a device shows now; the user's first device when none is named.</summary>
    public string? CurrentGoogleAuthenticatorCode(UserConfig user, long? deviceId)
    {
        var device = deviceId is null ? user.GoogleAuthenticator.FirstOrDefault() : user.GoogleAuthenticator.FirstOrDefault(d => d.Id == deviceId);
        return device is null ? null : Totp.CodeAt(device.Secret, _clock.UtcNow);
    }

    /// <summary>A YubiKey OTP of one of the user's keys, decrypted with its AES key, whose counter is above the last one seen.</summary>
    public bool VerifyYubiKey(UserConfig user, string? otp)
    {
        if (otp is null || otp.Length != YubicoOtp.Length) return false;
        var key = user.YubiKeys.FirstOrDefault(k => k.PublicId == otp[..YubicoOtp.PublicIdLength]);
        if (key is null) return false;
        var token = YubicoOtp.Decrypt(otp, Convert.FromHexString(key.AesKey));
        if (token is null || !CryptographicOperations.FixedTimeEquals(token.PrivateId, Convert.FromHexString(key.PrivateId))) return false;
        var accepted = false;
        _yubiKeyCounters.AddOrUpdate(key.PublicId,
            _ => { accepted = true; return token.Counter; },
            (_, last) => { accepted = token.Counter > last; return accepted ? token.Counter : last; });
        return accepted;
    }

    /// <summary>Plays the user's key being touched: a fresh OTP with a higher counter.</summary>
    public string? TouchYubiKey(UserConfig user, string? publicId)
    {
        var key = publicId is null ? user.YubiKeys.FirstOrDefault() : user.YubiKeys.FirstOrDefault(k => k.PublicId == publicId);
        if (key is null) return null;
        var touches = _yubiKeyTouches.AddOrUpdate(key.PublicId, 1, (_, n) => n + 1);
        return YubicoOtp.Generate(key.PublicId, Convert.FromHexString(key.PrivateId), Convert.FromHexString(key.AesKey), 1 + touches / 256, touches % 256);
    }

    /// <summary>What CAS would e-mail or text: a token for this user on this server, valid for <paramref name="lifetime"/>.</summary>
    public string IssueSimpleToken(UserConfig user, string server, TimeSpan lifetime)
    {
        var token = SimpleTokenPrefix + RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        _simpleTokens[token] = new SimpleToken(user.Username, server, _clock.UtcNow + lifetime);
        return token;
    }

    /// <summary>
    /// A token issued to this user on this server, not expired. As CAS does, the token is deleted once
    /// presented, also when it belongs to someone else; the prefix may be left off (CAS adds it back).
    /// </summary>
    public bool VerifySimpleToken(UserConfig user, string server, string? token)
    {
        if (string.IsNullOrEmpty(token)) return false;
        var id = token.StartsWith(SimpleTokenPrefix, StringComparison.Ordinal) ? token : SimpleTokenPrefix + token;
        return _simpleTokens.TryRemove(id, out var issued) && issued.User == user.Username && issued.Server == server && issued.Expires > _clock.UtcNow;
    }

    /// <summary>Used codes and counters are forgotten, issued tokens dropped (the keys' own counters keep going up).</summary>
    public void Reset()
    {
        _usedTotp.Clear();
        _yubiKeyCounters.Clear();
        _simpleTokens.Clear();
    }
}
