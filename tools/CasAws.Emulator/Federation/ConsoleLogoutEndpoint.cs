using CasAws.Emulator.Hosting;
using Microsoft.AspNetCore.Http;

namespace CasAws.Emulator.Federation;

/// <summary>
/// A stand-in for the console's logout, https://us-east-1.signin.aws.amazon.com/oauth?Action=logout:
/// it ends the console session and redirects to redirect_uri when one is given, which AWS honours only
/// on its us-east-1 host (the one a chained logout-then-login must use); without one it shows a
/// signed-out page. Any other Action is 400.
/// </summary>
public sealed class ConsoleLogoutEndpoint
{
    public const string Path = "/oauth";
    private readonly ConsoleSessions _sessions;

    public ConsoleLogoutEndpoint(ConsoleSessions sessions) => _sessions = sessions;

    public Task HandleAsync(HttpContext context)
    {
        var query = RequestBody.ParseQuery(context.Request.QueryString.Value);
        query.TryGetValue("Action", out var action);
        context.SetLogAction("console:" + action);
        if (action != "logout" || !HttpMethods.IsGet(context.Request.Method))
        {
            context.SetLogOutcome("not a logout");
            context.Response.StatusCode = 400;
            return Task.CompletedTask;
        }
        var ended = _sessions.End(context);
        context.SetLogUser(ended?.Arn);
        context.SetLogOutcome(ended is null ? "no console session" : "console session ended");
        if (query.TryGetValue("redirect_uri", out var redirect) && Uri.TryCreate(redirect, UriKind.Absolute, out var target) && target.Scheme is "https" or "http")
        {
            context.Response.Redirect(redirect);
            return Task.CompletedTask;
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync("<!DOCTYPE html><title>Signed out</title><p>You have signed out of the AWS Management Console.</p>", context.RequestAborted);
    }
}
