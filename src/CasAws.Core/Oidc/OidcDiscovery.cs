using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CasAws.Cas;
using CasAws.Json;
using CasAws.Net;
using CasAws.Validation;

namespace CasAws.Oidc
{
    /// <summary>
    /// Reads {issuer}/.well-known/openid-configuration and keeps only endpoints that are safe to use: the
    /// stated issuer must equal the expected one, and every endpoint must be https (plain http only on a
    /// loopback test server) on the issuer's own host, so a tampered document cannot send codes elsewhere.
    /// </summary>
    internal static class OidcDiscovery
    {
        public const string WellKnownPath = "/.well-known/openid-configuration";

        /// <summary>Longest server text a fault quotes (a stated issuer, an endpoint URL).</summary>
        private const int MaxQuoted = 200;

        public static async Task<OidcProviderEndpoints> DiscoverAsync(CasConnectionSettings settings, Uri issuer, CancellationToken cancellationToken) =>
            (await ReadAsync(settings, issuer, cancellationToken).ConfigureAwait(false)).Require();

        /// <summary>The endpoints or the document's fault; an unreachable, untrusted, slow or oversized answer still throws.</summary>
        public static async Task<OidcDiscoveryAnswer> ReadAsync(CasConnectionSettings settings, Uri issuer, CancellationToken cancellationToken)
        {
            string expected = issuer.AbsoluteUri.TrimEnd('/');
            using (var request = new HttpRequestMessage(HttpMethod.Get, expected + WellKnownPath))
            {
                request.Headers.Accept.ParseAdd("application/json");
                (int status, string body) = await OidcHttp.SendAsync(settings, request, "discovery", cancellationToken).ConfigureAwait(false);
                if (status != 200)
                {
                    return Broken(request, status == 404 ? OidcDiscoveryFault.NotFound : OidcDiscoveryFault.HttpStatus, "HTTP " + status,
                        "HTTP status " + status + " (is -Issuer right? CAS's default is {Server}/oidc)");
                }

                IReadOnlyDictionary<string, object?> json;
                try
                {
                    json = PlatformJson.ParseObject(body);
                }
                catch (FormatException problem)
                {
                    return Broken(request, OidcDiscoveryFault.NotJson, LooksLikeHtml(body) ? "an HTML page" : "text that is not a JSON object", problem.Message.TrimEnd('.'));
                }

                string? stated = JsonText.Text(json, "issuer");
                if (stated == null || !string.Equals(stated.TrimEnd('/'), expected, StringComparison.Ordinal))
                {
                    return Broken(request, OidcDiscoveryFault.IssuerMismatch, stated == null ? "no issuer" : Quoted(stated),
                        "the document names another issuer than " + expected + " (pass the issuer CAS is configured with as -Issuer)");
                }

                var endpoints = new Dictionary<string, Uri?>();
                foreach (string name in new[] { "authorization_endpoint", "token_endpoint", "userinfo_endpoint" })
                {
                    string? text = JsonText.Text(json, name);
                    if (text == null)
                    {
                        if (name == "userinfo_endpoint") continue;
                        return Broken(request, OidcDiscoveryFault.MissingEndpoint, name, "it names no " + name);
                    }

                    if (!IsOnIssuer(text, issuer, out Uri? url))
                    {
                        return Broken(request, OidcDiscoveryFault.ForeignEndpoint, name + " " + Quoted(text), "its " + name + " is not a URL on the issuer's own server");
                    }

                    endpoints[name] = url;
                }

                return OidcDiscoveryAnswer.Read(new OidcProviderEndpoints(
                    issuer,
                    endpoints["authorization_endpoint"]!,
                    endpoints["token_endpoint"]!,
                    endpoints.TryGetValue("userinfo_endpoint", out Uri? userInfo) ? userInfo : null,
                    json.TryGetValue("authorization_response_iss_parameter_supported", out object? issInRedirect) && issInRedirect is bool sent && sent));
            }
        }

        private static bool IsOnIssuer(string text, Uri issuer, out Uri? url) =>
            Uri.TryCreate(text, UriKind.Absolute, out url)
            && string.Equals(url.Scheme, issuer.Scheme, StringComparison.Ordinal)
            && string.Equals(url.Authority, issuer.Authority, StringComparison.OrdinalIgnoreCase)
            && string.IsNullOrEmpty(url.Fragment);

        private static OidcDiscoveryAnswer Broken(HttpRequestMessage request, OidcDiscoveryFault fault, string found, string why) =>
            OidcDiscoveryAnswer.Broken(fault, found, OidcHttp.Unexpected(request, "discovery", why));

        private static string Quoted(string serverText) =>
            UrlPolicy.Display(serverText.Length > MaxQuoted ? serverText.Substring(0, MaxQuoted) + "..." : serverText);

        private static bool LooksLikeHtml(string body)
        {
            string start = body.TrimStart();
            return start.StartsWith("<", StringComparison.Ordinal) && start.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0;
        }
    }
}
