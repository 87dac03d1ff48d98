using System.Globalization;
using System.Text.Json;
using CasAws.Emulator.Config;
using CasAws.Emulator.Duo;
using CasAws.Emulator.Mfa;
using CasAws.Emulator.Hosting;
using CasAws.Emulator.Oidc;
using CasAws.Emulator.Sts;
using Microsoft.AspNetCore.Http;

namespace CasAws.Emulator.Control;

/// <summary>
/// The test-facing control API under /control: answer or expire pending Duo pushes, shorten the push
/// timeout (until reset, so that tests share one emulator), play the user's other MFA
/// devices (the current Google Authenticator or AWS MFA code, a YubiKey touch, the Simple MFA token CAS
/// would e-mail), read the request log, move the clock, reset state. JSON in and out; it never shows a
/// password, a device secret or an AWS key.
/// </summary>
public sealed class ControlEndpoint
{
    public const string BasePath = "/control";
    private readonly DuoService _duo;
    private readonly OneTimeCodeFactors _codes;
    private readonly SecurityTokenService _sts;
    private readonly EmulatorConfig _config;
    private readonly RequestLog _log;
    private readonly EmulatorClock _clock;
    private readonly IReadOnlyDictionary<string, OidcProvider> _oidc;

    public ControlEndpoint(DuoService duo, OneTimeCodeFactors codes, SecurityTokenService sts, EmulatorConfig config, RequestLog log, EmulatorClock clock,
        IReadOnlyDictionary<string, OidcProvider> oidc)
    {
        _oidc = oidc;
        _duo = duo;
        _codes = codes;
        _sts = sts;
        _config = config;
        _log = log;
        _clock = clock;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var path = (context.Request.Path.Value ?? "")[BasePath.Length..].Trim('/');
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var query = RequestBody.ParseQuery(context.Request.QueryString.Value);
        var get = HttpMethods.IsGet(context.Request.Method);
        var post = HttpMethods.IsPost(context.Request.Method);
        switch (segments)
        {
            case ["pushes"] when get:
                query.TryGetValue("user", out var user);
                var wait = query.TryGetValue("waitSeconds", out var w) && double.TryParse(w, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : 0;
                var pending = await _duo.WaitForPendingAsync(string.IsNullOrEmpty(user) ? null : user, TimeSpan.FromSeconds(wait), context.RequestAborted);
                await Json(context, 200, pending.Select(p => new { id = p.Id, user = p.User, server = p.Server, since = p.Since }));
                return;
            case ["pushes", var id, "approve" or "deny" or "expire"] when post:
                var outcome = segments[2] switch { "approve" => PushOutcome.Approved, "deny" => PushOutcome.Denied, _ => PushOutcome.TimedOut };
                var decided = _duo.Decide(id, outcome);
                await Json(context, decided ? 200 : 404, new { id, decision = decided ? segments[2] : "not pending" });
                return;
            case ["duo", "push-timeout"] when post:
                if (!(query.TryGetValue("seconds", out var t) && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var timeout) && timeout > 0))
                {
                    await Json(context, 400, new { error = "seconds must be a positive number" });
                    return;
                }
                _duo.PushTimeout = TimeSpan.FromSeconds(timeout);
                await Json(context, 200, new { pushTimeoutSeconds = timeout });
                return;
            case ["mfa", "gauth"] when get:
                var gauthCode = User(query) is { } gauthUser
                    ? _codes.CurrentGoogleAuthenticatorCode(gauthUser, query.TryGetValue("device", out var d) && long.TryParse(d, out var device) ? device : null)
                    : null;
                await Json(context, gauthCode is null ? 404 : 200, new { code = gauthCode });
                return;
            case ["mfa", "yubikey"] when post:
                var otp = User(query) is { } keyUser ? _codes.TouchYubiKey(keyUser, query.GetValueOrDefault("publicId")) : null;
                await Json(context, otp is null ? 404 : 200, new { otp });
                return;
            case ["mfa", "simple"] when post:
                var server = query.GetValueOrDefault("server") ?? _config.CasServers[0].Name;
                var serverConfig = _config.CasServers.FirstOrDefault(c => c.Name == server);
                var token = User(query) is { } simpleUser && serverConfig is not null
                    ? _codes.IssueSimpleToken(simpleUser, serverConfig.Name!, TimeSpan.FromSeconds(serverConfig.SimpleMfaTokenSeconds))
                    : null;
                await Json(context, token is null ? 404 : 200, new { token });
                return;
            case ["mfa", "aws"] when get:
                var awsCode = query.TryGetValue("serialNumber", out var serial) ? _sts.CurrentMfaCode(serial) : null;
                await Json(context, awsCode is null ? 404 : 200, new { code = awsCode });
                return;
            case ["requests"] when get:
                await Json(context, 200, _log.Entries);
                return;
            case ["stats"] when get:
                await Json(context, 200, new { pushes = _duo.PushCount, requests = _log.Entries.Count, clockOffsetSeconds = _clock.Offset.TotalSeconds });
                return;
            case ["clock"] when post:
                var by = query.TryGetValue("advanceSeconds", out var a) && double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0;
                _clock.Advance(TimeSpan.FromSeconds(by));
                await Json(context, 200, new { clockOffsetSeconds = _clock.Offset.TotalSeconds });
                return;
            case ["oidc"] when get:
                await Json(context, 200, _oidc.ToDictionary(p => p.Key, p => new
                {
                    codesRedeemed = p.Value.State.CodesRedeemed,
                    idTokensIssued = p.Value.State.TokensIssued,
                    pendingLogins = p.Value.State.Pending.Count,
                    ssoSessions = p.Value.State.SsoSessions.Count,
                }));
                return;
            case ["oidc", "revoke"] when post:
                query.TryGetValue("user", out var revoked);
                foreach (var provider in _oidc.Values) provider.State.RevokedUsers[revoked ?? ""] = _clock.UtcNow;
                await Json(context, 200, new { revoked });
                return;
            case ["reset"] when post:
                foreach (var provider in _oidc.Values) provider.State.Reset();
                _duo.Reset();
                _codes.Reset();
                _sts.ResetMfa();
                _log.Clear();
                _clock.Reset();
                await Json(context, 200, new { reset = true });
                return;
            default:
                await Json(context, 404, new { error = "unknown control route", routes = Routes });
                return;
        }
    }

    private static readonly string[] Routes =
    {
        "GET /control/pushes?user=&waitSeconds=", "POST /control/pushes/{id}/approve", "POST /control/pushes/{id}/deny", "POST /control/pushes/{id}/expire",
        "POST /control/duo/push-timeout?seconds=",
        "GET /control/mfa/gauth?user=&device=", "POST /control/mfa/yubikey?user=&publicId=", "POST /control/mfa/simple?user=&server=",
        "GET /control/mfa/aws?serialNumber=", "GET /control/requests", "GET /control/stats", "GET /control/oidc", "POST /control/oidc/revoke?user=", "POST /control/clock?advanceSeconds=", "POST /control/reset",
    };

    private UserConfig? User(Dictionary<string, string> query) =>
        query.TryGetValue("user", out var name) ? _config.Users.FirstOrDefault(u => u.Username == name) : null;

    private static Task Json(HttpContext context, int status, object value)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(value, JsonOptions), context.RequestAborted);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
}
