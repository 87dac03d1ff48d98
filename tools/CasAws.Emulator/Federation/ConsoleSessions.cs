using System.Collections.Concurrent;
using System.Globalization;
using CasAws.Emulator.Sts;
using Microsoft.AspNetCore.Http;

namespace CasAws.Emulator.Federation;

/// <summary>
/// The console sessions the federation login starts and the console logout ends. AWS keeps its console
/// session in cookies of the sign-in domain; the emulator does the same with one cookie whose Max-Age is
/// the session's length (SessionDuration, else the credentials' remaining life), so a client or a test
/// sees how long the console would stay signed in.
/// </summary>
public sealed class ConsoleSessions
{
    public const string CookieName = "casaws-emulator-console-session";
    private readonly EmulatorClock _clock;
    private readonly ConcurrentDictionary<string, (StsPrincipal Principal, DateTimeOffset Expires)> _sessions = new(StringComparer.Ordinal);

    public ConsoleSessions(EmulatorClock clock) => _clock = clock;

    /// <summary>Starts a session for the principal and sets its cookie on the response.</summary>
    public void Start(HttpResponse response, StsPrincipal principal, TimeSpan length)
    {
        var id = AwsKeyGenerator.Random("abcdefghijklmnopqrstuvwxyz0123456789", 32);
        _sessions[id] = (principal, _clock.UtcNow + length);
        response.Headers.Append("Set-Cookie", $"{CookieName}={id}; Max-Age={(long)length.TotalSeconds}; Path=/; HttpOnly; SameSite=Lax");
    }

    /// <summary>Ends the session the request's cookie names, if any, and expires the cookie; returns whose it was.</summary>
    public StsPrincipal? End(HttpContext context)
    {
        context.Response.Headers.Append("Set-Cookie", $"{CookieName}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax");
        if (!context.Request.Cookies.TryGetValue(CookieName, out var id) || !_sessions.TryRemove(id, out var session)) return null;
        return session.Expires > _clock.UtcNow ? session.Principal : null;
    }

    public static string Describe(TimeSpan length) => ((long)length.TotalSeconds).ToString(CultureInfo.InvariantCulture) + " s";
}
