using CasAws.Emulator.Config;
using CasAws.Emulator.Duo;
using CasAws.Emulator.Hosting;
using Microsoft.AspNetCore.Http;

namespace CasAws.Emulator.Cas;

/// <summary>
/// CAS's REST authentication for one server: password, then Duo (passcode, or a push that waits)
/// when the MFA trigger fires. Shared by awsSts and the /v1 REST protocol.
/// </summary>
public sealed class CasAuthenticator
{
    private readonly CasServerConfig _server;
    private readonly IReadOnlyList<UserConfig> _users;
    private readonly DuoService _duo;

    public CasAuthenticator(CasServerConfig server, IReadOnlyList<UserConfig> users, DuoService duo)
    {
        _server = server;
        _users = users;
        _duo = duo;
    }

    /// <summary>The user, or null and the name of the CAS exception that refused the login.</summary>
    public async Task<(UserConfig? User, string? Failure)> AuthenticateAsync(string? username, string? password, string? passcode,
        string? provider, string? service, HttpContext context)
    {
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrWhiteSpace(password)) return (null, "AuthenticationException");
        var user = _users.FirstOrDefault(u => u.Username == username);
        if (user is null || user.Password != password)
        {
            context.SetLogOutcome("bad credentials");
            return (null, user is null ? "AccountNotFoundException" : "FailedLoginException");
        }
        if (!MfaTriggered(user, service)) return (user, null);
        if (!string.IsNullOrEmpty(passcode))
        {
            var providerOk = string.IsNullOrEmpty(provider) || provider == _server.MfaProviderId;
            var passcodeOk = providerOk && _duo.TryUsePasscode(user, passcode);
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

    /// <summary>Whether Duo is due for the user (and the service, when a service-based trigger is set).</summary>
    public bool MfaTriggered(UserConfig user, string? service)
    {
        if (!_server.MfaEnabled || user.Mfa is null) return false;
        if (_server.MfaServicePattern is null) return true;
        return !string.IsNullOrEmpty(service) && CasRegex.Find(_server.MfaServicePattern, service);
    }
}
