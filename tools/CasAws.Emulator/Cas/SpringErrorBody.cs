using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CasAws.Emulator.Cas;

/// <summary>
/// Spring Boot's error answer (BasicErrorController), which CAS gives for anything its endpoint does
/// not catch. Like Spring, it follows Accept: HTML for text/html, JSON when JSON is acceptable
/// (or no Accept), and an empty body when neither is (e.g. "Accept: text/plain" alone).
/// </summary>
public static class SpringErrorBody
{
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task WriteAsync(HttpContext context, int status, string reason)
    {
        var path = context.Request.PathBase.Add(context.Request.Path).Value ?? "";
        var now = DateTimeOffset.UtcNow;
        context.Response.StatusCode = status;
        switch (Negotiate(context.Request))
        {
            case "html":
                context.Response.ContentType = "text/html;charset=UTF-8";
                return context.Response.WriteAsync(
                    "<html><body><h1>Whitelabel Error Page</h1><p>This application has no explicit mapping for /error, so you are seeing this as a fallback.</p>" +
                    $"<div id='created'>{now.ToString("ddd MMM dd HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture)}</div>" +
                    $"<div>There was an unexpected error (type={WebUtility.HtmlEncode(reason)}, status={status}).</div></body></html>",
                    context.RequestAborted);
            case "json":
                var body = JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["timestamp"] = now.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+00:00'", CultureInfo.InvariantCulture),
                    ["status"] = status,
                    ["error"] = reason,
                    ["path"] = path,
                }, JsonOptions);
                context.Response.ContentType = "application/json";
                return context.Response.WriteAsync(body, context.RequestAborted);
            default:
                return Task.CompletedTask;
        }
    }

    private static string Negotiate(HttpRequest request)
    {
        var accept = request.Headers.Accept;
        if (accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0) return "json";
        var acceptable = ranges.Where(r => r.Quality is not 0).ToList();
        if (acceptable.Any(r => r.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase))) return "html";
        var json = new MediaTypeHeaderValue("application/json");
        return acceptable.Any(r => json.IsSubsetOf(r)) ? "json" : "none";
    }
}
