using System.Security.Cryptography;

namespace CasAws.Emulator.Mfa;

/// <summary>
/// Time-based one-time passwords as Google Authenticator and AWS virtual MFA devices make them:
/// RFC 6238 over RFC 4226 (HMAC-SHA1, 30-second steps, 6 digits), secrets in base32 (RFC 4648).
/// </summary>
public static class Totp
{
    public const int StepSeconds = 30;
    public const int Digits = 6;

    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / StepSeconds;

    /// <summary>The code for one time step (RFC 4226 dynamic truncation).</summary>
    public static string Code(byte[] key, long step)
    {
        var counter = new byte[8];
        for (var i = 7; i >= 0; i--, step >>= 8) counter[i] = (byte)(step & 0xFF);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string CodeAt(string base32Secret, DateTimeOffset time) => Code(Base32.Decode(base32Secret), StepAt(time));

    /// <summary>The step within <paramref name="window"/> steps of <paramref name="now"/> whose code this is, or null.</summary>
    public static long? MatchingStep(byte[] key, string code, DateTimeOffset now, int window)
    {
        if (code.Length != Digits || !code.All(char.IsAsciiDigit)) return null;
        var current = StepAt(now);
        for (var step = current - window; step <= current + window; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(key, step)), System.Text.Encoding.ASCII.GetBytes(code)))
                return step;
        }
        return null;
    }
}

/// <summary>RFC 4648 base32 (A-Z, 2-7), as TOTP secrets are written; padding and spaces ignored.</summary>
public static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static byte[] Decode(string text)
    {
        var clean = text.Replace(" ", "").TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>(clean.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            var value = Alphabet.IndexOf(c);
            if (value < 0) throw new FormatException("not base32");
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }
        return bytes.ToArray();
    }

    public static bool IsValid(string text)
    {
        try { return Decode(text).Length >= 10; }
        catch (FormatException) { return false; }
    }
}
