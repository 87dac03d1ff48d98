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
        internal CasAwsProfile(string profileName, string server, string? role, DateTime? cachedUntil, string? helperPath, CasAwsHelperState helperState)
        {
            ProfileName = profileName;
            Server = server;
            Role = role;
            CachedUntil = cachedUntil;
            HelperPath = helperPath;
            HelperState = helperState;
        }

        public string ProfileName { get; }

        public string Server { get; }

        /// <summary>The ARN of the role the profile logs in to; empty in session-token mode. Not named RoleArn, which would pull Set-AWSCredential into its AssumeRole set.</summary>
        public string? Role { get; }

        /// <summary>When the cached credentials expire (UTC); empty when none are cached.</summary>
        public DateTime? CachedUntil { get; }

        /// <summary>The program the profile's credential_process line runs (the user's copy of the helper); empty when the config file has no such line.</summary>
        public string? HelperPath { get; }

        /// <summary>Whether that program can run: Ready, Missing, NotExecutable, NotConfigured, or Modified (the user's copy is not what CasAws wrote).</summary>
        public CasAwsHelperState HelperState { get; }

        internal static CasAwsProfile From(CredentialCacheEntry entry, string? helperPath) =>
            new CasAwsProfile(entry.ProfileName, entry.Server, entry.RoleArn, entry.HasKeys ? entry.Expiration : (DateTime?)null,
                helperPath, CredentialProcessHelper.StateOf(helperPath));

        public override string ToString() => ProfileName;
    }
}
