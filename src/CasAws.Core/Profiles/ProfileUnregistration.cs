using CasAws.Files;

namespace CasAws.Profiles
{
    /// <summary>
    /// What Unregister-CasAwsProfile takes back for one name: the credential_process profile (its config
    /// lines and cache entry) and the keys stored by -StoreAs. Without a kind both go, but the credentials
    /// file only loses a section CasAws wrote: a user's own keys of the same name are never a -Force away.
    /// </summary>
    internal sealed class ProfileUnregistration
    {
        private ProfileUnregistration(bool credentialProcess, bool storedKeys)
        {
            CredentialProcess = credentialProcess;
            StoredKeys = storedKeys;
        }

        /// <summary>Take back the config section (as Register-CasAwsProfile wrote it) and the cache entry.</summary>
        public bool CredentialProcess { get; }

        /// <summary>Remove the credentials file section.</summary>
        public bool StoredKeys { get; }

        public bool IsEmpty => !CredentialProcess && !StoredKeys;

        /// <param name="inConfig">Who owns the name's section in ~/.aws/config.</param>
        /// <param name="cached">Whether the private cache has an entry for the name.</param>
        /// <param name="inCredentials">Who owns the name's section in ~/.aws/credentials.</param>
        /// <param name="kind">The kind asked for (piped from Get-CasAwsProfile), or null for both.</param>
        public static ProfileUnregistration Plan(ProfileOwnership inConfig, bool cached, ProfileOwnership inCredentials, CasAwsProfileKind? kind)
        {
            bool storedKeys = kind != CasAwsProfileKind.CredentialProcess
                && (inCredentials == ProfileOwnership.CasAws || (kind == CasAwsProfileKind.StoredKeys && inCredentials != ProfileOwnership.Missing));

            // A config section with no keys beside stored keys is the region -StoreAs wrote, a setting the profile keeps.
            bool credentialProcess = kind != CasAwsProfileKind.StoredKeys
                && (cached || inConfig == ProfileOwnership.CasAws || inConfig == ProfileOwnership.Foreign || (inConfig == ProfileOwnership.NoKeys && !storedKeys));
            return new ProfileUnregistration(credentialProcess, storedKeys);
        }
    }
}
