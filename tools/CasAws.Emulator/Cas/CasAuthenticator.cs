using CasAws.Emulator.Config;
using CasAws.Emulator.Duo;
using CasAws.Emulator.Hosting;
using CasAws.Emulator.Mfa;
using Microsoft.AspNetCore.Http;

namespace CasAws.Emulator.Cas;

/// <summary>
/// CAS's REST authentication for one server: the password, then, when a trigger asks for a second
/// factor, the provider it names (Duo passcode or push, Google Authenticator, YubiKey, Simple MFA),
/// each read from its own form field. Shared by awsSts and the /v1 REST protocol.
/// </summary>
public sealed class CasAuthenticator
{
    public const string GoogleAuthenticatorId = "mfa-gauth";
    public const string YubiKeyId = "mfa-yubikey";
    public const string SimpleId = "mfa-simple";

    private readonly CasServerConfig _server;
    private readonly IReadOnlyList<UserConfig> _users;
    private readonly DuoService _duo;
    private readonly OneTimeCodeFactors _codes;

    public CasAuthenticator(CasServerConfig server, IReadOnlyList<UserConfig> users, DuoService duo, OneTimeCodeFactors codes)
    {
        _server = server;
        _users = users;
        _duo = duo;
        _codes = codes;
    }

    /// <summary>The user, or null and the name of the CAS exception that refused the login.</summary>
    public async Task<(UserConfig? User, string? Failure)> AuthenticateAsync(Func<string, string?> field, HttpContext context)
    {
        string? username = field("username"), password = field("password");
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrWhiteSpace(password)) return (null, "AuthenticationException");
        var user = _users.FirstOrDefault(u => u.Username == username);
        if (user is null || user.Password != password)
        {
            context.SetLogOutcome("bad credentials");
            return (null, user is null ? "AccountNotFoundException" : "FailedLoginException");
        }
        var provider = RequiredProvider(user, field("service"), field("authn_method"));
        if (provider is null) return (user, null);
        bool ok;
        switch (provider)
        {
            case GoogleAuthenticatorId:
                ok = _codes.VerifyGoogleAuthenticator(user, field("gauthotp"), field("gauthacct"), _server.GauthWindowSize);
                break;
            case YubiKeyId:
                ok = _codes.VerifyYubiKey(user, field("yubikeyotp"));
                break;
            case SimpleId:
                ok = _codes.VerifySimpleToken(user, _server.Name!, field("sotp"));
                break;
            default:
                return await DuoAsync(user, provider, field("passcode"), field("provider"), context);
        }
        context.SetLogOutcome(provider + (ok ? " code accepted" : " code missing or rejected"));
        return ok ? (user, null) : (null, "MultifactorAuthenticationFailedException");
    }

    /// <summary>
    /// Which provider this login needs, by CAS's triggers in this order: the request's authn_method (when
    /// enabled), the service's policy, the user's own provider, the global provider, then Duo for users with
    /// a Duo entry (the emulator's original trigger, optionally limited by mfaServicePattern).
    /// </summary>
    public string? RequiredProvider(UserConfig user, string? service, string? authnMethod)
    {
        if (!_server.MfaEnabled) return null;
        if (_server.AuthnMethodTrigger && !string.IsNullOrEmpty(authnMethod) && IsKnownProvider(authnMethod)) return authnMethod;
        if (!string.IsNullOrEmpty(service))
        {
            var policy = _server.ServiceMfaTriggers.FirstOrDefault(t => CasRegex.Find(t.ServicePattern, service));
            if (policy is not null) return policy.Provider;
        }
        if (_server.MfaServicePattern is not null && (string.IsNullOrEmpty(service) || !CasRegex.Find(_server.MfaServicePattern, service))) return null;
        if (user.MfaProvider is not null) return user.MfaProvider;
        if (_server.GlobalMfaProvider is not null) return _server.GlobalMfaProvider;
        return user.Mfa is null ? null : _server.MfaProviderId;
    }

    public bool IsDuoProvider(string id) => id == _server.MfaProviderId || _server.DuoProviderIds.Contains(id);

    public bool IsKnownProvider(string id) => IsDuoProvider(id) || id is GoogleAuthenticatorId or YubiKeyId or SimpleId;

    /// <summary>Duo: a passcode must name the triggered provider in "provider" (default mfa-duo); without one, a push.</summary>
    private async Task<(UserConfig? User, string? Failure)> DuoAsync(UserConfig user, string provider, string? passcode, string? providerField, HttpContext context)
    {
        if (user.Mfa is null || !IsDuoProvider(provider))
        {
            context.SetLogOutcome(provider + ": no Duo enrolment");
            return (null, "MultifactorAuthenticationFailedException");
        }
        if (!string.IsNullOrEmpty(passcode))
        {
            var named = string.IsNullOrEmpty(providerField) ? "mfa-duo" : providerField;
            var passcodeOk = named == provider && _duo.TryUsePasscode(user, passcode);
            context.SetLogOutcome(passcodeOk ? "passcode accepted" : "passcode rejected");
            return passcodeOk ? (user, null) : (null, "MultifactorAuthenticationFailedException");
        }
        PushOutcome outcome;
        try
        {
            outcome = await _duo.PushAsync(user, _server.Name!, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            context.SetLogOutcome("client went away during push");
            return (null, "MultifactorAuthenticationFailedException");
        }
        context.SetLogOutcome("push " + outcome.ToString().ToLowerInvariant());
        return outcome == PushOutcome.Approved ? (user, null) : (null, "MultifactorAuthenticationFailedException");
    }

    /// <summary>
    /// Whether the OpenID Connect browser login must show its second-factor page, by the same triggers as
    /// the REST login. That page models Duo only; a login whose trigger names another provider still gets
    /// it (the browser login never skips a due factor).
    /// </summary>
    public bool MfaTriggered(UserConfig user, string? service) => RequiredProvider(user, service, null) is not null;
}
