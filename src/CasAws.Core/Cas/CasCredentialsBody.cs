using System;

namespace CasAws.Cas
{
    /// <summary>The keys from a successful answer. Region is null unless CAS sent a real region.</summary>
    internal sealed class CasCredentialsBody
    {
        public const string GlobalRegion = "aws-global";

        public CasCredentialsBody(string accessKeyId, string secretAccessKey, string sessionToken, string? region)
        {
            AccessKeyId = accessKeyId;
            SecretAccessKey = secretAccessKey;
            SessionToken = sessionToken;
            Region = string.IsNullOrWhiteSpace(region) || string.Equals(region, GlobalRegion, StringComparison.OrdinalIgnoreCase) ? null : region;
        }

        public string AccessKeyId { get; }

        public string SecretAccessKey { get; }

        public string SessionToken { get; }

        public string? Region { get; }

        /// <summary>Never the secrets: the access key id only.</summary>
        public override string ToString() => AccessKeyId;
    }
}
