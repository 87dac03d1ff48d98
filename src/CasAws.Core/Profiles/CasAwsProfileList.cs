using System;
using System.Collections.Generic;
using System.Linq;
using CasAws.Cache;
using CasAws.Files;

namespace CasAws.Profiles
{
    /// <summary>
    /// The profiles CasAws wrote, as Get-CasAwsProfile lists them. The AWS files say which exist: a config
    /// section marked x_casaws_managed whose credential_process runs a CasAws helper, and a credentials
    /// section of keys CasAws stored (-StoreAs). The private cache only adds what it knows (the expiry of
    /// cached keys), so clearing it loses no profile; a cache entry whose config section is gone is still
    /// listed, so that Unregister-CasAwsProfile can take it back.
    /// </summary>
    internal static class CasAwsProfileList
    {
        /// <param name="config">The AWS config file, or null when it could not be read.</param>
        /// <param name="credentials">The shared credentials file, or null when it could not be read.</param>
        /// <param name="cache">The helper's cache entries.</param>
        public static IReadOnlyList<CasAwsProfile> List(IniDocument? config, IniDocument? credentials, IReadOnlyList<CredentialCacheEntry> cache)
        {
            var cached = new Dictionary<string, CredentialCacheEntry>(StringComparer.Ordinal);
            foreach (CredentialCacheEntry entry in cache)
            {
                cached[entry.ProfileName] = entry;
            }

            var profiles = new List<CasAwsProfile>();
            var registered = new HashSet<string>(StringComparer.Ordinal);
            foreach (string name in ProfileNamesOf(config, AwsProfileSection.ProfileOfConfigHeader))
            {
                IReadOnlyDictionary<string, string> keys = config!.ReadSection(AwsProfileSection.InConfigFile(name))!;
                CredentialProcessArguments? arguments = RegisteredArguments(keys);
                if (arguments is null)
                {
                    continue;
                }

                cached.TryGetValue(name, out CredentialCacheEntry? entry);
                string helper = CredentialProcessHelper.ProgramOf(keys["credential_process"])!;
                profiles.Add(new CasAwsProfile(CasAwsProfileKind.CredentialProcess, name,
                    arguments.Server ?? entry?.Server, arguments.RoleArn ?? entry?.RoleArn,
                    entry is { HasKeys: true } ? entry.Expiration : null,
                    helper, CredentialProcessHelper.StateOf(helper)));
                registered.Add(name);
            }

            foreach (CredentialCacheEntry entry in cached.Values.Where(e => !registered.Contains(e.ProfileName)))
            {
                profiles.Add(CasAwsProfile.From(entry, config is null ? null : CredentialProcessHelper.HelperOf(config, entry.ProfileName)));
            }

            foreach (string name in ProfileNamesOf(credentials, header => header))
            {
                IReadOnlyDictionary<string, string> keys = credentials!.ReadSection(AwsProfileSection.InCredentialsFile(name))!;
                if (CredentialsFileProfiles.IsStoredByCasAws(keys))
                {
                    keys.TryGetValue("x_principal_arn", out string? role);
                    profiles.Add(new CasAwsProfile(CasAwsProfileKind.StoredKeys, name, null, role,
                        CredentialsFileProfiles.ExpiryOf(keys), null, CasAwsHelperState.NotConfigured));
                }
            }

            return profiles.OrderBy(p => p.ProfileName, StringComparer.Ordinal).ThenBy(p => p.Kind).ToList();
        }

        /// <summary>The helper's arguments when the section is one Register-CasAwsProfile wrote: CasAws's mark and a credential_process that runs its helper.</summary>
        private static CredentialProcessArguments? RegisteredArguments(IReadOnlyDictionary<string, string> keys) =>
            keys.ContainsKey(AwsProfileSection.ManagedKey) && keys.TryGetValue("credential_process", out string? line)
                ? CredentialProcessHelper.ArgumentsOf(line)
                : null;

        // A name given twice (two sections of one name) is listed once: botocore reads only one of them too.
        private static IEnumerable<string> ProfileNamesOf(IniDocument? document, Func<string, string?> profileOfHeader) =>
            document is null
                ? Enumerable.Empty<string>()
                : document.SectionHeaders().Select(profileOfHeader).Where(name => name is not null).Select(name => name!).Distinct(StringComparer.Ordinal);
    }
}
