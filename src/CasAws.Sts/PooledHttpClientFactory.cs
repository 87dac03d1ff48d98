#if NET
using System;
using System.Net.Http;
using Amazon.Runtime;
using CasAws.Net;

namespace CasAws.Sts
{
    /// <summary>
    /// Gives the AWS SDK HttpClients over the module's own pooled handlers, so STS is reached with the same
    /// certificate trust (-CaBundlePath, AWS_CA_BUNDLE, -SkipCertificateCheck) and proxy rules as CAS.
    /// </summary>
    internal sealed class PooledHttpClientFactory : HttpClientFactory
    {
        private readonly TransportSettings _transport;
        private readonly Uri _serviceUrl;

        public PooledHttpClientFactory(TransportSettings transport, Uri serviceUrl)
        {
            _transport = transport;
            _serviceUrl = serviceUrl;
        }

        public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
            new HttpClient(HttpClientPool.Handler(_transport, _serviceUrl), disposeHandler: false)
            {
                Timeout = clientConfig.Timeout ?? TimeSpan.FromSeconds(100),
            };

        /// <summary>The handler is pooled by us; the client around it is cheap and goes with the SDK client.</summary>
        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
    }
}
#endif
