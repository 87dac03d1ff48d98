using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace CasAws.Net
{
    /// <summary>
    /// One HttpClient per server and transport settings, kept for the life of the process so warm calls
    /// reuse the TLS connection. Timeouts are per request, so they do not split the pool. Used for CAS, the
    /// federation endpoint and (through the SDK's client factory) STS.
    /// </summary>
    internal static class HttpClientPool
    {
        private static readonly ConcurrentDictionary<string, HttpClient> Clients = new ConcurrentDictionary<string, HttpClient>(StringComparer.Ordinal);

        public static HttpClient Get(TransportSettings settings, Uri target)
        {
            bool direct = TransportSettings.GoesDirect(target);

            // Proxy credentials are a secret of their own: such clients are not shared.
            if (settings.ProxyCredential != null && !direct) return Create(settings, direct);
            string key = string.Join("|", target.Scheme, target.Authority, settings.SkipCertificateCheck, settings.CaBundlePath ?? string.Empty,
                direct ? "direct" : settings.Proxy?.AbsoluteUri ?? "system");
            return Clients.GetOrAdd(key, _ => Create(settings, direct));
        }

        /// <summary>A handler that routes and checks certificates as <paramref name="settings"/> say; the caller owns it.</summary>
        public static HttpClientHandler CreateHandler(TransportSettings settings, bool direct)
        {
            var handler = new HttpClientHandler
            {
                // A redirect here is a login page or gateway, never the answer: report it, don't follow it
                // (and never carry a request that holds keys to another host).
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = !direct,
            };
            if (!direct && settings.Proxy != null)
            {
                handler.Proxy = new WebProxy(settings.Proxy) { Credentials = settings.ProxyCredential };
            }
            else if (!direct && settings.ProxyCredential != null)
            {
                handler.DefaultProxyCredentials = settings.ProxyCredential;
            }

            if (settings.SkipCertificateCheck)
            {
                handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => true;
            }
            else if (settings.CaBundlePath != null)
            {
                string path = settings.CaBundlePath;
                handler.ServerCertificateCustomValidationCallback =
                    (HttpRequestMessage message, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors) =>
                        CertificateBundle.Current(path).Validates(certificate, chain, errors);
            }

            return handler;
        }

        private static HttpClient Create(TransportSettings settings, bool direct) =>
            new HttpClient(CreateHandler(settings, direct), disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }
}
