using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace CasAws.Net
{
    /// <summary>
    /// One handler per server and transport settings, kept for the life of the process so warm calls reuse
    /// the TLS connection. Used for CAS, the federation endpoint and (through the SDK's client factory) STS,
    /// so all of them trust and route alike. Timeouts are per request, so they do not split the pool.
    /// </summary>
    internal static class HttpClientPool
    {
        private static readonly ConcurrentDictionary<string, HttpMessageHandler> Handlers = new ConcurrentDictionary<string, HttpMessageHandler>(StringComparer.Ordinal);

        /// <summary>An HttpClient without a timeout of its own over the pooled handler; disposing it keeps the handler.</summary>
        public static HttpClient Get(TransportSettings settings, Uri target) =>
            new HttpClient(Handler(settings, target), disposeHandler: false) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

        /// <summary>The pooled handler for requests to <paramref name="target"/>'s scheme and authority.</summary>
        public static HttpMessageHandler Handler(TransportSettings settings, Uri target)
        {
            bool direct = TransportSettings.GoesDirect(target);
            string key = string.Join("|", target.Scheme, target.Authority, settings.SkipCertificateCheck, settings.CaBundlePath ?? string.Empty,
                direct ? "direct" : settings.Proxy?.AbsoluteUri ?? "system",
                // A proxy login is a secret of its own: its connections are never shared with another's.
                direct ? string.Empty : settings.ProxyCredential?.Id ?? string.Empty);
            return Handlers.GetOrAdd(key, _ => CreateHandler(settings, direct));
        }

        private static HttpClientHandler CreateHandler(TransportSettings settings, bool direct)
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
    }
}
