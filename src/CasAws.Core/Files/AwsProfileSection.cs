using System;

namespace CasAws.Files
{
    /// <summary>How a profile's section is named in each file, as botocore reads them.</summary>
    internal static class AwsProfileSection
    {
        /// <summary>The key CasAws adds to every section it writes, so it knows later which ones are its own.</summary>
        public const string ManagedKey = "x_casaws_managed";

        /// <summary>Credentials file: '[name]', exactly.</summary>
        public static Func<string, bool> InCredentialsFile(string profile) => header => header == profile;

        /// <summary>Config file: '[profile name]' (any spacing), and '[default]' for the default profile.</summary>
        public static Func<string, bool> InConfigFile(string profile) => header =>
        {
            if (profile == "default" && header == "default")
            {
                return true;
            }

            return header != "default" && ProfileOfConfigHeader(header) == profile;
        };

        /// <summary>The profile a config file header names ('default', or NAME of 'profile NAME'); null for other sections (sso-session, services).</summary>
        public static string? ProfileOfConfigHeader(string header)
        {
            if (header == "default")
            {
                return header;
            }

            string[] parts = header.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            return parts.Length == 2 && parts[0] == "profile" ? parts[1] : null;
        }

        public static string ConfigHeader(string profile) => profile == "default" ? "default" : "profile " + profile;

        /// <summary>Profile names the AWS CLI can address: no brackets, whitespace, quotes or control characters.</summary>
        public static bool IsValidName(string profile)
        {
            if (string.IsNullOrEmpty(profile))
            {
                return false;
            }

            foreach (char c in profile)
            {
                if (char.IsWhiteSpace(c) || char.IsControl(c) || c == '[' || c == ']' || c == '"' || c == '\'' || c == '\\' || c == '#' || c == ';')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
