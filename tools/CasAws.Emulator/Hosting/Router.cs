using CasAws.Emulator.Cas;
using CasAws.Emulator.Control;
using CasAws.Emulator.Federation;
using CasAws.Emulator.Iam;
using CasAws.Emulator.Oidc;
using CasAws.Emulator.Sts;
using Microsoft.AspNetCore.Http;

namespace CasAws.Emulator.Hosting;

/// <summary>One terminal handler: the paths come from the configuration, so no route table.</summary>
internal sealed class Router
{
    private readonly IReadOnlyList<AwsStsEndpoint> _cas;
    private readonly IReadOnlyList<RestProtocolEndpoint> _rest;
    private readonly IReadOnlyList<string> _casBasePaths;
    private readonly IReadOnlyList<OidcProvider> _oidc;
    private readonly StsEndpoint _sts;
    private readonly FederationEndpoint _federation;
    private readonly ConsoleLogoutEndpoint _consoleLogout;
    private readonly IamEndpoint _iam;
    private readonly ControlEndpoint _control;
    private readonly RequestLog _log;
    private readonly string _controlToken;
    private readonly EmulatorClock _clock;

    public Router(string controlToken, IReadOnlyList<AwsStsEndpoint> cas, IReadOnlyList<RestProtocolEndpoint> rest, IReadOnlyList<string> casBasePaths, IReadOnlyList<OidcProvider> oidc, StsEndpoint sts,
        FederationEndpoint federation, ConsoleLogoutEndpoint consoleLogout, IamEndpoint iam, ControlEndpoint control, RequestLog log, EmulatorClock clock)
    {
        _clock = clock;
        _consoleLogout = consoleLogout;
        _iam = iam;
        _cas = cas;
        _rest = rest;
        _casBasePaths = casBasePaths;
        _oidc = oidc;
        _sts = sts;
        _federation = federation;
        _control = control;
        _log = log;
        _controlToken = controlToken;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var isControl = path.StartsWith(ControlEndpoint.BasePath + "/", StringComparison.Ordinal) || path == ControlEndpoint.BasePath;
        var entry = new RequestLogEntry { Time = DateTimeOffset.UtcNow, Method = context.Request.Method, Path = path };
        context.AttachLogEntry(entry);
        // A moved clock (POST /control/clock) shows in every answer's Date header too, as a server's skewed clock would.
        if (_clock.Offset != TimeSpan.Zero) context.Response.Headers.Date = _clock.UtcNow.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            await DispatchAsync(context, path, isControl);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            entry.Outcome ??= "client went away";
        }
        catch (Exception e) when (e is not BadHttpRequestException)
        {
            entry.Outcome = "500 " + e.GetType().Name; // the message might quote a request value
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = 500;
                await context.Response.WriteAsync("Internal Server Error");
            }
        }
        finally
        {
            entry.Status = context.Response.StatusCode;
            _log.Add(entry, keep: !isControl);
        }
    }

    private static Task RefuseControlAsync(HttpContext context)
    {
        context.Response.StatusCode = 401;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync("{\"error\":\"the control API needs the " + ControlToken.Header + " header with the controlToken the emulator printed and wrote to its ready file\"}");
    }

    private Task DispatchAsync(HttpContext context, string path, bool isControl)
    {
        if (isControl) return ControlToken.IsPresentIn(context.Request, _controlToken) ? _control.HandleAsync(context) : RefuseControlAsync(context);
        foreach (var cas in _cas)
        {
            if (path == cas.Path) return cas.HandleAsync(context);
            if (path == cas.LoginPath) return AwsStsEndpoint.WriteLoginPageAsync(context);
        }
        foreach (var provider in _oidc)
            if (provider.Handles(path)) return provider.HandleAsync(context);
        foreach (var rest in _rest)
            if (path == rest.TicketsPath || path == rest.UsersPath) return rest.HandleAsync(context);
        if (path is "/sts" or "/sts/") return _sts.HandleAsync(context);
        if (path == "/" && (HttpMethods.IsPost(context.Request.Method) || context.Request.Query.ContainsKey("Action"))) return _sts.HandleAsync(context);
        if (path == FederationEndpoint.Path) return _federation.HandleAsync(context);
        if (path == ConsoleLogoutEndpoint.Path) return _consoleLogout.HandleAsync(context);
        if (_iam.Handles(path)) return _iam.HandleAsync(context);
        if (_casBasePaths.Any(b => path.StartsWith(b + "/", StringComparison.Ordinal) || path == b))
            return SpringErrorBody.WriteAsync(context, 404, "Not Found");
        context.Response.StatusCode = 404;
        return Task.CompletedTask;
    }
}
