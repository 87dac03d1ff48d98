using System;
using CasAws.Profiles;

namespace CasAws.Cache
{
    /// <summary>
    /// A profile CasAws wrote (a credential_process profile, or keys stored by -StoreAs), as
    /// Register-CasAwsProfile and Get-CasAwsProfile output it. ProfileName binds to AWS Tools' Set-AWSCredential -ProfileName, so piping this object
    /// there selects the profile, whose credentials then refresh themselves through the helper.
    /// </summary>
    public sealed class CasAwsProfile
    {
        internal CasAwsProfile(CasAwsProfileKind kind, string profileName, string? server, string? role, DateTime? cachedUntil, string? helperPath, CasAwsHelperState helperState)
        {
            Kind = kind;
            ProfileName = profileName;
            Server = server;
            Role = role;
            CachedUntil = cachedUntil;
            HelperPath = helperPath;
            HelperState = helperState;
        }

        /// <summary>CredentialProcess (~/.aws/config runs the helper) or StoredKeys (keys in ~/.aws/credentials, from -StoreAs).</summary>
        public CasAwsProfileKind Kind { get; }

        public string ProfileName { get; }

        /// <summary>The CAS server the profile logs in at; empty for stored keys, whose file does not say.</summary>
        public string? Server { get; }

        /// <summary>The ARN of the role the profile logs in to; empty in session-token mode. Not named RoleArn, which would pull Set-AWSCredential into its AssumeRole set.</summary>
        public string? Role { get; }

        /// <summary>When the keys CasAws keeps for the profile expire (UTC): those in its private cache for a credential_process profile (empty when none are cached), those in the credentials file for stored keys.</summary>
        public DateTime? CachedUntil { get; }

        /// <summary>The program the profile's credential_process line runs (the user's copy of the helper); empty when the config file has no such line, and for stored keys.</summary>
        public string? HelperPath { get; }

        /// <summary>Whether that program can run: Ready, Missing, NotExecutable, NotConfigured, or Modified (the user's copy is not what CasAws wrote).</summary>
        public CasAwsHelperState HelperState { get; }

        internal static CasAwsProfile From(CredentialCacheEntry entry, string? helperPath) =>
            new CasAwsProfile(CasAwsProfileKind.CredentialProcess, entry.ProfileName, entry.Server, entry.RoleArn, entry.HasKeys ? entry.Expiration : (DateTime?)null,
                helperPath, CredentialProcessHelper.StateOf(helperPath));

        public override string ToString() => ProfileName;
    }
}
