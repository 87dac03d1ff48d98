using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace CasAws.Cache
{
    /// <summary>
    /// What "log out everywhere" removes from disk (Disconnect-CasAws -All, as aws sso logout): the keys the
    /// private cache holds for registered credential_process profiles and the cached OpenID Connect id_token,
    /// for one CAS server and user (a session's), or for every server. The profiles stay registered, bound to
    /// the same user: their next 'aws' command logs in again. Found first, so -WhatIf can say what would go.
    /// </summary>
    internal sealed class CachedLogins
    {
        private CachedLogins(IReadOnlyList<string> profiles, IReadOnlyList<string> tokenFiles)
        {
            Profiles = profiles;
            TokenFiles = tokenFiles;
        }

        /// <summary>The profiles whose cache entry holds keys to wipe.</summary>
        public IReadOnlyList<string> Profiles { get; }

        /// <summary>The cached id_token files to delete.</summary>
        public IReadOnlyList<string> TokenFiles { get; }

        public bool IsEmpty => Profiles.Count == 0 && TokenFiles.Count == 0;

        /// <summary>
        /// The cached logins of <paramref name="server"/> and <paramref name="userName"/> (the id_token of that
        /// server whoever it names: one person's cache), or, with <paramref name="server"/> null, of every server and user.
        /// </summary>
        /// <exception cref="UntrustedDirectoryException">The cache directory is not private to the current user.</exception>
        public static CachedLogins Find(CredentialCacheStore store, Uri? server, string? userName)
        {
            string? key = server == null ? null : ServerKey.Normalize(server);
            List<string> profiles = store.ReadAll()
                .Where(e => e.HasKeys && (key == null || (e.Server == key && string.Equals(e.UserName, userName, StringComparison.Ordinal))))
                .Select(e => e.ProfileName).OrderBy(n => n, StringComparer.Ordinal).ToList();

            var tokens = new List<string>();
            if (key != null)
            {
                string path = WebIdentityTokenCache.PathFor(key);
                if (File.Exists(path)) tokens.Add(path);
            }
            else if (Directory.Exists(WebIdentityTokenCache.DirectoryPath))
            {
                tokens.AddRange(Directory.GetFiles(WebIdentityTokenCache.DirectoryPath, "*" + WebIdentityTokenCache.Extension).OrderBy(p => p, StringComparer.Ordinal));
            }

            return new CachedLogins(profiles, tokens);
        }

        /// <summary>Wipes the keys of <see cref="Profiles"/> (keeping each registration) and deletes <see cref="TokenFiles"/>.</summary>
        public void Wipe(CredentialCacheStore store)
        {
            foreach (string profile in Profiles)
            {
                CredentialCacheEntry? entry = store.Read(profile);
                if (entry != null && entry.HasKeys) store.Write(entry.WithoutKeys());
            }

            foreach (string file in TokenFiles) File.Delete(file);
        }
    }
}
