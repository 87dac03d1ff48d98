using System.Text.Json;
using CasAws.Emulator.Config;
using CasAws.Emulator.Duo;
using CasAws.Emulator.Mfa;
using CasAws.Emulator.Hosting;
using Microsoft.AspNetCore.Http;

namespace CasAws.Emulator.Cas;

/// <summary>
/// CAS's REST protocol on one server, the same authentication machinery as awsSts:
/// POST {base}/v1/tickets (201 + Location of a TGT) and POST {base}/v1/users (200 + the principal as JSON).
/// </summary>
public sealed class RestProtocolEndpoint
{
    private readonly CasServerConfig _server;
    private readonly CasAuthenticator _authenticator;

    public RestProtocolEndpoint(CasServerConfig server, IReadOnlyList<UserConfig> users, DuoService duo, OneTimeCodeFactors codes)
    {
        _server = server;
        _authenticator = new CasAuthenticator(server, users, duo, codes);
    }

    public string TicketsPath => _server.BasePath.TrimEnd('/') + "/v1/tickets";
    public string UsersPath => _server.BasePath.TrimEnd('/') + "/v1/users";

    public async Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await SpringErrorBody.WriteAsync(context, 405, "Method Not Allowed");
            return;
        }
        var fields = RequestBody.ParseForm(await RequestBody.ReadAllAsync(context.Request, context.RequestAborted));
        string? Field(string name) => fields.TryGetValue(name, out var value) ? value : null;
        var username = Field("username");
        context.SetLogUser(username);
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrWhiteSpace(Field("password")))
        {
            context.SetLogOutcome("no credentials");
            context.Response.StatusCode = 400;
            context.Response.ContentType = "text/plain;charset=UTF-8";
            await context.Response.WriteAsync("No credentials are provided or extracted to authenticate the REST request", context.RequestAborted);
            return;
        }
        var (user, failure) = await _authenticator.AuthenticateAsync(Field, context);
        if (context.RequestAborted.IsCancellationRequested) return;
        if (user is null)
        {
            context.AppendLogOutcome("401");
            await Json(context, 401, new Dictionary<string, object> { ["authentication_exceptions"] = new[] { failure } });
            return;
        }
        if (context.Request.Path.Value == UsersPath)
        {
            context.AppendLogOutcome("user authenticated");
            await Json(context, 200, new Dictionary<string, object>
            {
                ["authentication"] = new Dictionary<string, object>
                {
                    ["principal"] = new Dictionary<string, object> { ["id"] = user.Username, ["attributes"] = user.Attributes },
                    ["authenticationDate"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                },
            });
            return;
        }
        var ticket = "TGT-1-" + Sts.AwsKeyGenerator.Random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-", 40);
        var request = context.Request;
        context.AppendLogOutcome("ticket granted");
        context.Response.StatusCode = 201;
        context.Response.Headers.Location = $"{request.Scheme}://{request.Host}{TicketsPath}/{ticket}";
        context.Response.ContentType = "text/plain;charset=UTF-8";
        await context.Response.WriteAsync(ticket, context.RequestAborted);
    }

    private static Task Json(HttpContext context, int status, object value)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(value), context.RequestAborted);
    }
}
