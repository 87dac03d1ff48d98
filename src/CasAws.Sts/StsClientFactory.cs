using Amazon.Runtime;
using Amazon.SecurityToken;
using CasAws.Aws;
using CasAws.Credentials;

namespace CasAws.Sts
{
    /// <summary>
    /// Builds an STS client that takes everything from us and nothing from the machine: the credentials
    /// are passed explicitly (so the SDK never falls back to environment keys or ~/.aws files), the endpoint
    /// and signing region are resolved by <see cref="StsEndpointResolver"/>, and every setting the SDK
    /// would otherwise look up in the environment or a shared config profile is set here.
    /// </summary>
    internal static class StsClientFactory
    {
        public static AmazonSecurityTokenServiceClient Create(StsEndpoint endpoint, CasAwsCredential source)
        {
            SdkProfileShield.Apply();
            AWSCredentials credentials = string.IsNullOrEmpty(source.SessionToken)
                ? new BasicAWSCredentials(source.AccessKey, source.SecretKey)
                : new SessionAWSCredentials(source.AccessKey, source.SecretKey, source.SessionToken);
            return new AmazonSecurityTokenServiceClient(credentials, Config(endpoint));
        }

        /// <summary>A client for the unsigned calls (AssumeRoleWithWebIdentity): anonymous credentials, so no key or session token is sent.</summary>
        public static AmazonSecurityTokenServiceClient CreateUnsigned(StsEndpoint endpoint)
        {
            SdkProfileShield.Apply();
            return new AmazonSecurityTokenServiceClient(new AnonymousAWSCredentials(), Config(endpoint));
        }

        private static AmazonSecurityTokenServiceConfig Config(StsEndpoint endpoint)
        {
            var config = new AmazonSecurityTokenServiceConfig
            {
                ServiceURL = endpoint.ServiceUrl.AbsoluteUri,
                AuthenticationRegion = endpoint.SigningRegion,
                // Never retry on our own: a retried AssumeRole with an MFA token code fails anyway, and
                // the user should see the first error at once.
                MaxErrorRetry = 0,
                RetryMode = RequestRetryMode.Standard,
                Timeout = endpoint.Timeout,
                DefaultConfigurationMode = DefaultConfigurationMode.Standard,
                IgnoreConfiguredEndpointUrls = true,
                UseDualstackEndpoint = false,
                UseFIPSEndpoint = false,
                DisableRequestCompression = true,
                AccountIdEndpointMode = AccountIdEndpointMode.DISABLED,
                RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            };
#if NET
            // Trust (-CaBundlePath, AWS_CA_BUNDLE) and proxy as for every other call CasAws makes.
            config.HttpClientFactory = new PooledHttpClientFactory(endpoint.Transport, endpoint.ServiceUrl);
#else
            // The SDK's .NET Framework build uses HttpWebRequest: the proxy can be set, certificate trust is Windows'.
            if (endpoint.Transport.Proxy != null && !CasAws.Net.TransportSettings.GoesDirect(endpoint.ServiceUrl))
            {
                config.ProxyHost = endpoint.Transport.Proxy.Host;
                config.ProxyPort = endpoint.Transport.Proxy.Port;
                config.ProxyCredentials = endpoint.Transport.ProxyCredential;
            }
#endif
            return config;
        }
    }
}
