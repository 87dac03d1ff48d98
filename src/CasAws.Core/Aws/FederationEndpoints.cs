using System;

namespace CasAws.Aws
{
    /// <summary>The AWS sign-in federation endpoint and console home of each partition.</summary>
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
