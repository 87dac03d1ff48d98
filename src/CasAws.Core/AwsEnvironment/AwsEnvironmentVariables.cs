using System.Collections.Generic;
using System.Globalization;
using CasAws.Credentials;

namespace CasAws.AwsEnvironment
{
    /// <summary>
    /// The environment variables that hand a credential to the AWS CLI and SDKs, and the ones that must be
    /// cleared so nothing else wins over it (aws-vault's list: a profile or old-style token would).
    /// </summary>
    internal static class AwsEnvironmentVariables
    {
        /// <summary>Cleared whenever credentials are set: each could make a tool use other credentials.</summary>
        private static readonly string[] Cleared =
        {
            "AWS_SECURITY_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_CREDENTIAL_FILE", "AWS_SDK_LOAD_CONFIG",
        };

        /// <summary>Name and value pairs in a fixed order; a null value means 'unset this variable'.</summary>
        public static IReadOnlyList<KeyValuePair<string, string?>> For(CasAwsCredential credential)
        {
            var variables = new List<KeyValuePair<string, string?>>();
            foreach (string name in Cleared)
            {
                variables.Add(new KeyValuePair<string, string?>(name, null));
            }

            variables.Add(new KeyValuePair<string, string?>("AWS_ACCESS_KEY_ID", credential.AccessKey));
            variables.Add(new KeyValuePair<string, string?>("AWS_SECRET_ACCESS_KEY", credential.SecretKey));
            variables.Add(new KeyValuePair<string, string?>("AWS_SESSION_TOKEN", credential.SessionToken));
            variables.Add(new KeyValuePair<string, string?>("AWS_CREDENTIAL_EXPIRATION",
                credential.Expiration.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));

            // A stale account id would describe other keys: set it when known, clear it otherwise.
            variables.Add(new KeyValuePair<string, string?>("AWS_ACCOUNT_ID", credential.AccountId));
            if (!string.IsNullOrEmpty(credential.Region) && credential.Region != "aws-global")
            {
                variables.Add(new KeyValuePair<string, string?>("AWS_REGION", credential.Region));
                variables.Add(new KeyValuePair<string, string?>("AWS_DEFAULT_REGION", credential.Region));
            }

            return variables;
        }
    }
}
