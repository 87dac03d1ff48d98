using System;
using System.Text.RegularExpressions;
using CasAws.Net;

namespace CasAws.Aws
{
    /// <summary>
    /// Decides which STS URL to call and which region to sign for, the way the AWS CLI and SDKs do:
    /// an explicit endpoint, then AWS_ENDPOINT_URL_STS, then AWS_ENDPOINT_URL; an explicit region, then
    /// AWS_REGION, then the region CAS sent; the regional endpoint of that region, else the global one.
    /// </summary>
    internal static class StsEndpointResolver
    {
        public const string ServiceEndpointVariable = "AWS_ENDPOINT_URL_STS";
        public const string GlobalEndpointVariable = "AWS_ENDPOINT_URL";
        public const string RegionVariable = "AWS_REGION";
        public const string GlobalSigningRegion = "us-east-1";
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

        private static readonly Regex RegionPattern = new Regex("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$", RegexOptions.CultureInvariant);

        /// <param name="endpointUrl">-EndpointUrl, or null.</param>
        /// <param name="region">-Region, or null.</param>
        /// <param name="credentialRegion">The region on the credential object (a real region CAS sent), or null.</param>
        /// <param name="timeout">The request timeout; null for the default.</param>
        /// <param name="environment">Reads an environment variable (Environment.GetEnvironmentVariable outside tests).</param>
        /// <param name="names">How the caller's user sets the endpoint and region, for the advice (default: the STS cmdlets' parameters).</param>
        /// <exception cref="ArgumentException">The endpoint or region is not usable; the message says why.</exception>
        public static StsEndpoint Resolve(string? endpointUrl, string? region, string? credentialRegion, TimeSpan? timeout, Func<string, string?> environment,
            StsSettingNames? names = null)
        {
            names = names ?? StsSettingNames.Parameters;
            string? chosenRegion = FirstNonEmpty(region, environment(RegionVariable), credentialRegion);
            if (chosenRegion != null && !IsRegion(chosenRegion))
            {
                throw new ArgumentException("'" + chosenRegion + "' is not an AWS region name (such as us-east-1 or eu-west-2). " + names.RegionFix);
            }

            string? configured = FirstNonEmpty(endpointUrl, environment(ServiceEndpointVariable), environment(GlobalEndpointVariable));
            Uri url = configured != null ? ParseEndpoint(configured, "STS", names.EndpointFix) : DefaultEndpoint(chosenRegion);
            TimeSpan chosenTimeout = timeout ?? DefaultTimeout;
            if (chosenTimeout <= TimeSpan.Zero)
            {
                throw new ArgumentException("The STS timeout must be positive.");
            }

            return new StsEndpoint(url, chosenRegion ?? GlobalSigningRegion, chosenTimeout) { SettingNames = names };
        }

        /// <summary>The region names STS knows: two letters, a name, a number (us-east-1, us-gov-west-1, cn-north-1).</summary>
        public static bool IsRegion(string value) => RegionPattern.IsMatch(value);

        /// <summary>https://sts.REGION.amazonaws.com (China: .com.cn), or the global https://sts.amazonaws.com.</summary>
        public static Uri DefaultEndpoint(string? region)
        {
            if (region == null)
            {
                return new Uri("https://sts.amazonaws.com/");
            }

            string suffix = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
            return new Uri("https://sts." + region + "." + suffix + "/");
        }

        /// <summary>An endpoint URL for an AWS service, held to the URL policy (https, or plain http to loopback only, no user information).</summary>
        internal static Uri ParseEndpoint(string value, string service, string fix)
        {
            UrlVerdict verdict = UrlPolicy.Check(value, out Uri? url);
            string shown = UrlPolicy.Display(value);
            switch (verdict)
            {
                case UrlVerdict.NotHttpUrl:
                    throw new ArgumentException("The " + service + " endpoint '" + shown + "' is not an http(s) URL. " + fix);
                case UrlVerdict.HasUserInfo:
                    throw new ArgumentException("The " + service + " endpoint '" + shown + "' holds a user name or password, which would be sent and shown. Pass it without user information.");
                case UrlVerdict.PlainHttpToOtherHost:
                    throw new ArgumentException("The " + service + " endpoint '" + shown + "' uses plain http: keys would travel unencrypted. Use https (plain http is allowed only for a loopback test server).");
                default:
                    return url!;
            }
        }

        private static string? FirstNonEmpty(params string?[] values)
        {
            foreach (string? value in values)
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    return value!.Trim();
                }
            }

            return null;
        }
    }
}
