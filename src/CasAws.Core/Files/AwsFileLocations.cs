using System;
using System.IO;

namespace CasAws.Files
{
    /// <summary>Where the AWS CLI and SDKs look for the shared credentials and config files.</summary>
    internal static class AwsFileLocations
    {
        public const string CredentialsFileVariable = "AWS_SHARED_CREDENTIALS_FILE";
        public const string ConfigFileVariable = "AWS_CONFIG_FILE";

        /// <summary>An explicit path, else AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials.</summary>
        public static string CredentialsFile(string? explicitPath = null) => Resolve(explicitPath, CredentialsFileVariable, "credentials");

        /// <summary>An explicit path, else AWS_CONFIG_FILE, else ~/.aws/config.</summary>
        public static string ConfigFile(string? explicitPath = null) => Resolve(explicitPath, ConfigFileVariable, "config");

        private static string Resolve(string? explicitPath, string variable, string fileName)
        {
            string? path = string.IsNullOrEmpty(explicitPath) ? Environment.GetEnvironmentVariable(variable) : explicitPath;
            if (string.IsNullOrEmpty(path))
            {
                return Path.Combine(Home(), ".aws", fileName);
            }

            // Like botocore's os.path.expanduser: '~' alone or '~/...' means the home directory.
            if (path == "~" || path!.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal))
            {
                path = Path.Combine(Home(), path.Substring(Math.Min(2, path.Length)));
            }

            return Path.GetFullPath(path);
        }

        private static string Home() => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
    }
}
