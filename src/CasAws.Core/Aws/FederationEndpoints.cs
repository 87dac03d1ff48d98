using System;

namespace CasAws.Aws
{
    /// <summary>The AWS sign-in federation endpoint, console logout and console home of each partition.</summary>
    internal static class FederationEndpoints
    {
        public static Uri SignInFor(string partition)
        {
            switch (partition)
            {
                case "aws-cn": return new Uri("https://signin.amazonaws.cn/federation");
                case "aws-us-gov": return new Uri("https://signin.amazonaws-us-gov.com/federation");
                default: return new Uri("https://signin.aws.amazon.com/federation");
            }
        }

        /// <summary>
        /// The console logout for a federation endpoint. AWS honours the logout's redirect_uri only on its
        /// us-east-1 sign-in host, so any AWS sign-in host logs out there; another endpoint (a test double,
        /// China, GovCloud) is asked at /oauth on its own origin.
        /// </summary>
        public static Uri LogoutFor(Uri federation)
        {
            string host = federation.Host.ToLowerInvariant();
            if (host == "signin.aws.amazon.com" || host.EndsWith(".signin.aws.amazon.com", StringComparison.Ordinal))
            {
                return new Uri("https://us-east-1.signin.aws.amazon.com/oauth");
            }

            return new Uri(federation.GetLeftPart(UriPartial.Authority) + "/oauth");
        }

        public static Uri ConsoleHomeFor(string partition)
        {
            switch (partition)
            {
                case "aws-cn": return new Uri("https://console.amazonaws.cn/");
                case "aws-us-gov": return new Uri("https://console.amazonaws-us-gov.com/");
                default: return new Uri("https://console.aws.amazon.com/");
            }
        }
    }
}
