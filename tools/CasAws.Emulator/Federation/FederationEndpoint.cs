using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using CasAws.Emulator.Hosting;
using CasAws.Emulator.Sts;
using Microsoft.AspNetCore.Http;

namespace CasAws.Emulator.Federation;

/// <summary>
/// A stand-in for https://signin.aws.amazon.com/federation: getSigninToken turns role credentials
/// into a sign-in token (GetSessionToken credentials are refused with 400, as AWS does), with the
/// console session's length: SessionDuration, 900 to 43200 seconds (any other value is 400), or the
/// credentials' remaining life when it is left out. login starts that console session
/// (<see cref="ConsoleSessions"/>) and redirects to the destination when the token is valid.
/// </summary>
public sealed class FederationEndpoint
{
    public const string Path = "/federation";
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(15);
    private readonly SecurityTokenService _sts;
    private const int MinimumSessionSeconds = 900;
    private const int MaximumSessionSeconds = 43200;
    private readonly EmulatorClock _clock;
    private readonly ConsoleSessions _consoleSessions;
    private readonly ConcurrentDictionary<string, (StsPrincipal Principal, DateTimeOffset Expires, TimeSpan ConsoleLength)> _tokens = new(StringComparer.Ordinal);

    public FederationEndpoint(SecurityTokenService sts, EmulatorClock clock, ConsoleSessions consoleSessions)
    {
        _sts = sts;
        _clock = clock;
        _consoleSessions = consoleSessions;
    }

    public async Task HandleAsync(HttpContext context)
    {
        // A GET with a query string as AWS documents it, or a POST form as aws-sso-util sends it (keys out of URLs).
        var (_, query) = await RequestBody.ReadQueryProtocolAsync(context.Request, context.RequestAborted);
        query.TryGetValue("Action", out var action);
        context.SetLogAction("federation:" + action);
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsPost(context.Request.Method))
        {
            await Fail(context, 405, "method not allowed");
            return;
        }
        switch (action)
        {
            case "getSigninToken":
                await GetSigninToken(context, query);
                return;
            case "login":
                Login(context, query);
                return;
            default:
                await Fail(context, 400, "unknown Action");
                return;
        }
    }

    private async Task GetSigninToken(HttpContext context, Dictionary<string, string> query)
    {
        if (!query.TryGetValue("Session", out var sessionJson) || !TryReadSession(sessionJson, out var id, out var key, out var token))
        {
            await Fail(context, 400, "missing or malformed Session");
            return;
        }
        var issued = _sts.FindValidIssued(id, key, token);
        if (issued is null || issued.Principal.Kind != PrincipalKind.AssumedRole)
        {
            // AWS answers 400 for keys it cannot federate, including GetSessionToken credentials.
            await Fail(context, 400, issued is null ? "unknown or expired credentials" : "session-token credentials cannot sign in");
            return;
        }
        var consoleLength = issued.Expiration - _clock.UtcNow;
        var lengthFrom = "the credentials' life";
        if (query.TryGetValue("SessionDuration", out var durationText))
        {
            if (!int.TryParse(durationText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds < MinimumSessionSeconds || seconds > MaximumSessionSeconds)
            {
                await Fail(context, 400, "SessionDuration out of range");
                return;
            }
            consoleLength = TimeSpan.FromSeconds(seconds);
            lengthFrom = "SessionDuration";
        }
        if (_sts.HostilityOf(id)?.SigninAnswer is { } hostileAnswer)
        {
            context.SetLogOutcome("hostile signin answer");
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(hostileAnswer, context.RequestAborted);
            return;
        }
        var signinToken = AwsKeyGenerator.Random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 600);
        _tokens[signinToken] = (issued.Principal, _clock.UtcNow + TokenLifetime, consoleLength);
        context.SetLogUser(issued.Principal.Arn);
        // The log says what length was asked for, so a test can check what a client sent.
        context.SetLogOutcome($"signin token issued; console session {ConsoleSessions.Describe(consoleLength)} ({lengthFrom})");
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["SigninToken"] = signinToken }), context.RequestAborted);
    }

    private void Login(HttpContext context, Dictionary<string, string> query)
    {
        query.TryGetValue("SigninToken", out var signinToken);
        query.TryGetValue("Destination", out var destination);
        if (signinToken is null || !_tokens.TryGetValue(signinToken, out var entry) || entry.Expires <= _clock.UtcNow ||
            !Uri.TryCreate(destination, UriKind.Absolute, out _))
        {
            context.SetLogOutcome("login refused");
            context.Response.StatusCode = 400;
            return;
        }
        _consoleSessions.Start(context.Response, entry.Principal, entry.ConsoleLength);
        context.SetLogUser(entry.Principal.Arn);
        context.SetLogOutcome("login redirect; console session " + ConsoleSessions.Describe(entry.ConsoleLength));
        context.Response.Redirect(destination!);
    }

    private static bool TryReadSession(string json, out string id, out string key, out string token)
    {
        id = key = token = "";
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return false;
            id = root.TryGetProperty("sessionId", out var a) ? a.GetString() ?? "" : "";
            key = root.TryGetProperty("sessionKey", out var b) ? b.GetString() ?? "" : "";
            token = root.TryGetProperty("sessionToken", out var c) ? c.GetString() ?? "" : "";
            return id.Length > 0 && key.Length > 0 && token.Length > 0;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static Task Fail(HttpContext context, int status, string why)
    {
        context.SetLogOutcome(why);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync("Bad Request", context.RequestAborted);
    }
}
