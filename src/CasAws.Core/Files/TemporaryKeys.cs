using System;

namespace CasAws.Files
{
    /// <summary>Temporary AWS keys to write into a profile, without any PowerShell type.</summary>
    internal sealed class TemporaryKeys
    {
        public TemporaryKeys(string accessKeyId, string secretAccessKey, string sessionToken, DateTime expiration)
        {
            AccessKeyId = accessKeyId;
            SecretAccessKey = secretAccessKey;
            SessionToken = sessionToken;
            Expiration = expiration.ToUniversalTime();
        }

        public string AccessKeyId { get; }

        public string SecretAccessKey { get; }

        public string SessionToken { get; }

        public DateTime Expiration { get; }

        public string? RoleArn { get; set; }
    }
}
