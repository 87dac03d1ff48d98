using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CasAws.Emulator.Cas;

/// <summary>Spring Boot's default error JSON, which CAS answers for anything its endpoint does not catch.</summary>
public static class SpringErrorBody
{
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task WriteAsync(HttpContext context, int status, string reason)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+00:00'", CultureInfo.InvariantCulture),
            ["status"] = status,
            ["error"] = reason,
            ["path"] = context.Request.PathBase.Add(context.Request.Path).Value ?? "",
        }, JsonOptions);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body, context.RequestAborted);
    }
}
