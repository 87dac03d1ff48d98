using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace CasAws.Cas
{
    /// <summary>
    /// One HttpClient per server and connection options, kept for the life of the process so warm
    /// calls reuse the TLS connection. Timeouts are per request, so they do not split the pool.
    /// </summary>
    internal static class CasHttpClientPool
    {
        private static readonly ConcurrentDictionary<string, HttpClient> Clients = new ConcurrentDictionary<string, HttpClient>(StringComparer.Ordinal);

        public static HttpClient Get(CasConnectionSettings settings)
        {
            // Proxy credentials are a secret of their own: such clients are not shared.
            if (settings.ProxyCredential != null) return Create(settings);
            return Clients.GetOrAdd(settings.ClientKey, _ => Create(settings));
        }

        private static HttpClient Create(CasConnectionSettings settings)
        {
            var handler = new HttpClientHandler
            {
                // A redirect here is a login page or gateway, never the credentials: report it, don't follow it.
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = true,
            };
            if (settings.Proxy != null)
            {
                handler.Proxy = new WebProxy(settings.Proxy) { Credentials = settings.ProxyCredential };
            }

            if (settings.SkipCertificateCheck)
            {
                handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => true;
            }
            else if (settings.CaBundlePath != null)
            {
                CertificateBundle bundle = CertificateBundle.Load(settings.CaBundlePath);
                handler.ServerCertificateCustomValidationCallback =
                    (HttpRequestMessage message, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors) => bundle.Validates(certificate, errors);
            }

            return new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        }
    }
}
