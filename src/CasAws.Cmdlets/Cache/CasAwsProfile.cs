using System;

namespace CasAws.Cache
{
    /// <summary>
    /// A credential_process profile registered by CasAws, as Register-CasAwsProfile and Get-CasAwsProfile
    /// output it. ProfileName binds to AWS Tools' Set-AWSCredential -ProfileName, so piping this object
    /// there selects the profile, whose credentials then refresh themselves through the helper.
    /// </summary>
    public sealed class CasAwsProfile
    {
        internal CasAwsProfile(string profileName, string server, string? role, DateTime? cachedUntil)
        {
            ProfileName = profileName;
            Server = server;
            Role = role;
            CachedUntil = cachedUntil;
        }

        public string ProfileName { get; }

        public string Server { get; }

        /// <summary>The ARN of the role the profile logs in to; empty in session-token mode. Not named RoleArn, which would pull Set-AWSCredential into its AssumeRole set.</summary>
        public string? Role { get; }

        /// <summary>When the cached credentials expire (UTC); empty when none are cached.</summary>
        public DateTime? CachedUntil { get; }

        internal static CasAwsProfile From(CredentialCacheEntry entry) =>
            new CasAwsProfile(entry.ProfileName, entry.Server, entry.RoleArn, entry.HasKeys ? entry.Expiration : (DateTime?)null);

        public override string ToString() => ProfileName;
    }
}
