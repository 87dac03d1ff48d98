using System;
using System.Collections.Generic;
using System.Threading;

namespace CasAws.Files
{
    /// <summary>Writes CasAws's profiles into the AWS config file (~/.aws/config): credential_process and region.</summary>
    internal static class ConfigFileProfiles
    {
        /// <summary>
        /// Settings that make botocore take credentials from somewhere else before credential_process
        /// (or mix with it); a forced registration removes them so the profile really uses CasAws.
        /// </summary>
        private static readonly string[] CompetingKeys =
        {
            "aws_access_key_id", "aws_secret_access_key", "aws_session_token", "role_arn", "source_profile", "credential_source",
            "web_identity_token_file", "sso_session", "sso_start_url", "sso_account_id", "sso_role_name", "sso_region", "credential_process",
        };

        public static ProfileOwnership Inspect(string path, string profile)
        {
            IReadOnlyDictionary<string, string>? keys = IniFileEditor.ReadForInspection(path).ReadSection(AwsProfileSection.InConfigFile(profile));
            return Classify(keys);
        }

        /// <summary>The region the profile already has in the config file, if any.</summary>
        public static string? RegionOf(string path, string profile)
        {
            IReadOnlyDictionary<string, string>? keys = IniFileEditor.ReadForInspection(path).ReadSection(AwsProfileSection.InConfigFile(profile));
            return keys is not null && keys.TryGetValue("region", out string? region) && region.Length > 0 ? region : null;
        }

        /// <summary>
        /// Writes '[profile NAME]' with credential_process (and region when real), keeping the section's other
        /// keys and recording in it what was added or replaced, so that <see cref="Remove"/> can undo exactly that.
        /// </summary>
        public static bool RegisterCredentialProcess(string path, string profile, string credentialProcess, string? region, bool force, CancellationToken cancellation)
        {
            return IniFileEditor.Edit(path, FilePrivacy.KeepExistingOrOwnerOnly, document =>
            {
                Func<string, bool> section = AwsProfileSection.InConfigFile(profile);
                IReadOnlyDictionary<string, string>? existing = document.ReadSection(section);
                if (!force && Classify(existing) == ProfileOwnership.Foreign)
                {
                    throw new ProfileNotOwnedException(path, profile);
                }

                var values = new List<KeyValuePair<string, string>> { new KeyValuePair<string, string>("credential_process", credentialProcess) };
                if (region is not null)
                {
                    values.Add(new KeyValuePair<string, string>("region", region));
                }

                values.Add(new KeyValuePair<string, string>(AwsProfileSection.ManagedKey, "true"));
                values.AddRange(ProfileChangeRecord.For(existing, values, CompetingKeys));
                return document.SetKeys(section, AwsProfileSection.ConfigHeader(profile), values, CompetingKeys);
            }, cancellation);
        }

        /// <summary>Sets only the region of a profile (for -StoreAs): a region is a setting, not a key, so any profile may get it.</summary>
        public static bool SetRegion(string path, string profile, string region, CancellationToken cancellation)
        {
            return IniFileEditor.Edit(path, FilePrivacy.KeepExistingOrOwnerOnly, document =>
                document.SetKeys(AwsProfileSection.InConfigFile(profile), AwsProfileSection.ConfigHeader(profile),
                    new[] { new KeyValuePair<string, string>("region", region) }, Array.Empty<string>()),
                cancellation);
        }

        /// <summary>
        /// Takes back what CasAws wrote into the profile (its keys go, the user's replaced values return, the
        /// section goes when nothing else is left). A section CasAws did not write is removed whole, and
        /// only with <paramref name="force"/>.
        /// </summary>
        public static bool Remove(string path, string profile, bool force, CancellationToken cancellation)
        {
            return IniFileEditor.Edit(path, FilePrivacy.KeepExistingOrOwnerOnly, document =>
            {
                Func<string, bool> section = AwsProfileSection.InConfigFile(profile);
                ProfileOwnership ownership = Classify(document.ReadSection(section));
                if (ownership == ProfileOwnership.Missing)
                {
                    return false;
                }

                if (ownership == ProfileOwnership.CasAws)
                {
                    return ProfileChangeRecord.Undo(document, section);
                }

                if (!force)
                {
                    throw ProfileNotOwnedException.ForRemoval(path, profile);
                }

                return document.RemoveSection(section);
            }, cancellation);
        }

        private static ProfileOwnership Classify(IReadOnlyDictionary<string, string>? keys)
        {
            if (keys is null)
            {
                return ProfileOwnership.Missing;
            }

            if (keys.ContainsKey(AwsProfileSection.ManagedKey))
            {
                return ProfileOwnership.CasAws;
            }

            foreach (string key in CompetingKeys)
            {
                if (keys.ContainsKey(key))
                {
                    return ProfileOwnership.Foreign;
                }
            }

            return ProfileOwnership.NoKeys;
        }
    }
}
