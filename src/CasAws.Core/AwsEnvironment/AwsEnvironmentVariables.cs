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

        /// <summary>Cleared for an endpoint: RELATIVE_URI wins over FULL_URI in every client, a token file over the token.</summary>
        private static readonly string[] ClearedForEndpoint =
        {
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
        };

        /// <summary>Name and value pairs in a fixed order; a null value means 'unset this variable'.</summary>
        public static IReadOnlyList<KeyValuePair<string, string?>> For(CasAwsCredential credential)
        {
            List<KeyValuePair<string, string?>> variables = Unset(Cleared);
            variables.Add(new KeyValuePair<string, string?>("AWS_ACCESS_KEY_ID", credential.AccessKey));
            variables.Add(new KeyValuePair<string, string?>("AWS_SECRET_ACCESS_KEY", credential.SecretKey));
            variables.Add(new KeyValuePair<string, string?>("AWS_SESSION_TOKEN", credential.SessionToken));
            variables.Add(new KeyValuePair<string, string?>("AWS_CREDENTIAL_EXPIRATION",
                credential.Expiration.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
            AddAccountAndRegion(variables, credential);
            return variables;
        }

        /// <summary>
        /// The variables that point a tool at a loopback credential endpoint instead of fixed keys: no key
        /// variables (they would win), and NO_PROXY extended with 127.0.0.1 because the .NET SDK sends this
        /// request through HTTP_PROXY otherwise. <paramref name="currentValue"/> reads the NO_PROXY to extend.
        /// </summary>
        public static IReadOnlyList<KeyValuePair<string, string?>> ForEndpoint(System.Uri url, string token, CasAwsCredential current, System.Func<string, string?> currentValue)
        {
            List<KeyValuePair<string, string?>> variables = Unset(Cleared);
            variables.AddRange(Unset(ClearedForEndpoint));
            variables.Add(new KeyValuePair<string, string?>("AWS_CONTAINER_CREDENTIALS_FULL_URI", url.AbsoluteUri));
            variables.Add(new KeyValuePair<string, string?>("AWS_CONTAINER_AUTHORIZATION_TOKEN", token));
            foreach (string name in new[] { "NO_PROXY", "no_proxy" })
            {
                variables.Add(new KeyValuePair<string, string?>(name, WithLoopback(currentValue(name))));
            }

            AddAccountAndRegion(variables, current);
            return variables;
        }

        private static string WithLoopback(string? noProxy)
        {
            if (string.IsNullOrWhiteSpace(noProxy)) return "127.0.0.1";
            foreach (string entry in noProxy!.Split(','))
            {
                if (entry.Trim() == "127.0.0.1") return noProxy;
            }

            return noProxy.TrimEnd(',') + ",127.0.0.1";
        }

        private static List<KeyValuePair<string, string?>> Unset(IEnumerable<string> names)
        {
            var variables = new List<KeyValuePair<string, string?>>();
            foreach (string name in names) variables.Add(new KeyValuePair<string, string?>(name, null));
            return variables;
        }

        private static void AddAccountAndRegion(List<KeyValuePair<string, string?>> variables, CasAwsCredential credential)
        {
            // A stale account id would describe other keys: set it when known, clear it otherwise.
            variables.Add(new KeyValuePair<string, string?>("AWS_ACCOUNT_ID", credential.AccountId));
            if (!string.IsNullOrEmpty(credential.Region) && credential.Region != "aws-global")
            {
                variables.Add(new KeyValuePair<string, string?>("AWS_REGION", credential.Region));
                variables.Add(new KeyValuePair<string, string?>("AWS_DEFAULT_REGION", credential.Region));
            }
        }
    }
}
