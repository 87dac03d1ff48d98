using System.Text.Json.Nodes;
using CasAws.Emulator.Cas;
using Microsoft.AspNetCore.Http;

namespace CasAws.Emulator.Oidc;

/// <summary>
/// The broken discovery documents real CAS deployments serve, switched on per server with oidc.discoveryFault,
/// so a client's diagnosis can be tested against each: the OIDC module missing (404), a gateway's login page
/// answering instead of CAS (200 HTML), CAS's default issuer left in place, endpoints left out, and endpoints
/// that name a host behind the proxy.
/// </summary>
public static class DiscoveryFaults
{
    public const string None = "none";
    public const string NotFound = "notFound";
    public const string NotJson = "notJson";
    public const string IssuerMismatch = "issuerMismatch";
    public const string MissingEndpoints = "missingEndpoints";
    public const string ForeignEndpoints = "foreignEndpoints";

    public static readonly IReadOnlyList<string> Names = new[] { None, NotFound, NotJson, IssuerMismatch, MissingEndpoints, ForeignEndpoints };

    /// <summary>cas.authn.oidc.core.issuer's default, which a deployment reached at any other URL must override.</summary>
    public const string CasDefaultIssuer = "http://localhost:8080/cas/oidc";

    /// <summary>The CAS host as the reverse proxy in front of it reaches it (plain http, an internal name).</summary>
    public const string InternalAuthority = "http://cas-internal.example:8080";

    /// <summary>Answers the discovery request with <paramref name="fault"/> applied to the honest document.</summary>
    public static Task WriteAsync(HttpContext context, string fault, JsonObject honest)
    {
        var issuer = (string)honest["issuer"]!;
        switch (fault)
        {
            case NotFound:
                return SpringErrorBody.WriteAsync(context, 404, "Not Found");
            case NotJson:
                context.Response.StatusCode = 200;
                context.Response.ContentType = "text/html;charset=UTF-8";
                return context.Response.WriteAsync(
                    "<!DOCTYPE html><html><head><title>Sign in - Single Sign-On</title></head><body><form id=\"fm1\" method=\"post\" action=\"/sso/login\">" +
                    "<input name=\"username\"><input name=\"password\" type=\"password\"></form></body></html>", context.RequestAborted);
            case IssuerMismatch:
                return OidcProvider.Json(context, 200, Rebased(honest, issuer, CasDefaultIssuer).ToJsonString());
            case MissingEndpoints:
                var partial = (JsonObject)honest.DeepClone();
                partial.Remove("authorization_endpoint");
                partial.Remove("token_endpoint");
                return OidcProvider.Json(context, 200, partial.ToJsonString());
            case ForeignEndpoints:
                var internalIssuer = InternalAuthority + new Uri(issuer).AbsolutePath;
                var foreign = Rebased(honest, issuer, internalIssuer);
                foreign["issuer"] = issuer;
                return OidcProvider.Json(context, 200, foreign.ToJsonString());
            default:
                throw new InvalidOperationException("Unknown discovery fault " + fault);
        }
    }

    /// <summary>The document as a CAS configured with another issuer writes it: every URL built on that issuer.</summary>
    private static JsonObject Rebased(JsonObject honest, string issuer, string otherIssuer)
    {
        var document = new JsonObject();
        foreach (var (name, value) in honest)
        {
            document[name] = value is JsonValue text && text.TryGetValue(out string? url) && url.StartsWith(issuer, StringComparison.Ordinal)
                ? otherIssuer + url[issuer.Length..]
                : value?.DeepClone();
        }
        return document;
    }
}
