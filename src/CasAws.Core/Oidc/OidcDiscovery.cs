using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CasAws.Cas;
using CasAws.Json;

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

        public static async Task<OidcProviderEndpoints> DiscoverAsync(CasConnectionSettings settings, Uri issuer, CancellationToken cancellationToken)
        {
            string expected = issuer.AbsoluteUri.TrimEnd('/');
            using (var request = new HttpRequestMessage(HttpMethod.Get, expected + WellKnownPath))
            {
                request.Headers.Accept.ParseAdd("application/json");
                (int status, string body) = await OidcHttp.SendAsync(settings, request, "discovery", cancellationToken).ConfigureAwait(false);
                if (status != 200) throw OidcHttp.Unexpected(request, "discovery", "HTTP status " + status + " (is -Issuer right? CAS's default is {Server}/oidc)");
                IReadOnlyDictionary<string, object?> json;
                try
                {
                    json = PlatformJson.ParseObject(body);
                }
                catch (FormatException problem)
                {
                    throw OidcHttp.Unexpected(request, "discovery", problem.Message.TrimEnd('.'));
                }

                string? stated = JsonText.Text(json, "issuer");
                if (stated == null || !string.Equals(stated.TrimEnd('/'), expected, StringComparison.Ordinal))
                {
                    throw OidcHttp.Unexpected(request, "discovery", "the document names another issuer than " + expected + " (pass the issuer CAS is configured with as -Issuer)");
                }

                return new OidcProviderEndpoints(
                    issuer,
                    Endpoint(json, "authorization_endpoint", issuer, request) ?? throw OidcHttp.Unexpected(request, "discovery", "it names no authorization_endpoint"),
                    Endpoint(json, "token_endpoint", issuer, request) ?? throw OidcHttp.Unexpected(request, "discovery", "it names no token_endpoint"),
                    Endpoint(json, "userinfo_endpoint", issuer, request),
                    json.TryGetValue("authorization_response_iss_parameter_supported", out object? issInRedirect) && issInRedirect is bool sent && sent);
            }
        }

        private static Uri? Endpoint(IReadOnlyDictionary<string, object?> json, string name, Uri issuer, HttpRequestMessage request)
        {
            string? text = JsonText.Text(json, name);
            if (text == null) return null;
            if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? url)
                || !string.Equals(url.Scheme, issuer.Scheme, StringComparison.Ordinal)
                || !string.Equals(url.Authority, issuer.Authority, StringComparison.OrdinalIgnoreCase)
                || !string.IsNullOrEmpty(url.Fragment))
            {
                throw OidcHttp.Unexpected(request, "discovery", "its " + name + " is not a URL on the issuer's own server");
            }

            return url;
        }
    }
}
