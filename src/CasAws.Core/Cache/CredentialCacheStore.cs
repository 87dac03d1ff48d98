using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using CasAws.Files;

namespace CasAws.Cache
{
    /// <summary>
    /// The on-disk cache behind credential_process profiles: one owner-only file per profile under
    /// <see cref="CacheDirectory"/>/credentials, DPAPI-encrypted on Windows. A file that cannot be read,
    /// decrypted or parsed, or that names another profile, reads as no entry: the cache is never
    /// trusted beyond what it proves. A directory another user could write to is neither read nor written.
    /// </summary>
    internal sealed class CredentialCacheStore
    {
        private const string Extension = ".cache";

        public CredentialCacheStore(string directory)
        {
            Directory = directory;
        }

        /// <summary>The directory holding the entries.</summary>
        public string Directory { get; }

        public static CredentialCacheStore ForCurrentUser() => new CredentialCacheStore(Path.Combine(CacheDirectory.Resolve(), "credentials"));

        public string EntryPath(string profileName) => Path.Combine(Directory, FileNameFor(profileName) + Extension);

        /// <exception cref="UntrustedDirectoryException">The cache directory is not private to the current user.</exception>
        public CredentialCacheEntry? Read(string profileName)
        {
            CheckTrusted();
            CredentialCacheEntry? entry = ReadFile(EntryPath(profileName));
            return entry is not null && entry.ProfileName == profileName ? entry : null;
        }

        public void Write(CredentialCacheEntry entry)
        {
            PrivateDirectory.Ensure(Path.GetDirectoryName(Directory)!);
            PrivateDirectory.Ensure(Directory);
            byte[] content = CacheProtection.Protect(Encoding.UTF8.GetBytes(entry.Serialize()));
            AtomicFileWriter.Write(EntryPath(entry.ProfileName), content, FilePrivacy.OwnerOnly);
        }

        public bool Delete(string profileName)
        {
            string path = EntryPath(profileName);
            if (!File.Exists(path))
            {
                return false;
            }

            File.Delete(path);
            return true;
        }

        /// <summary>Every readable entry: the registered credential_process profiles.</summary>
        /// <exception cref="UntrustedDirectoryException">The cache directory is not private to the current user.</exception>
        public IReadOnlyList<CredentialCacheEntry> ReadAll()
        {
            CheckTrusted();
            var entries = new List<CredentialCacheEntry>();
            if (!System.IO.Directory.Exists(Directory))
            {
                return entries;
            }

            foreach (string path in System.IO.Directory.GetFiles(Directory, "*" + Extension))
            {
                CredentialCacheEntry? entry = ReadFile(path);
                if (entry is not null && Path.GetFileName(path) == FileNameFor(entry.ProfileName) + Extension)
                {
                    entries.Add(entry);
                }
            }

            return entries;
        }

        /// <summary>Another user able to plant or swap entries could hand us their keys or read ours: check both levels that exist.</summary>
        private void CheckTrusted()
        {
            foreach (string directory in new[] { Path.GetDirectoryName(Directory)!, Directory })
            {
                if (System.IO.Directory.Exists(directory))
                {
                    PrivateDirectory.CheckTrusted(directory);
                }
            }
        }

        /// <summary>
        /// A file name that keeps a profile name readable yet safe on every file system: lower-case
        /// letters, digits, '.', '-' stay; every other byte of the UTF-8 name (capitals too, since
        /// Windows and macOS ignore case) becomes '_' and two hex digits.
        /// </summary>
        internal static string FileNameFor(string profileName)
        {
            var name = new StringBuilder();
            foreach (byte b in Encoding.UTF8.GetBytes(profileName))
            {
                char c = (char)b;
                if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || (c == '.' && name.Length > 0))
                {
                    name.Append(c);
                }
                else
                {
                    name.Append('_').Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            return name.ToString();
        }

        private static CredentialCacheEntry? ReadFile(string path)
        {
            try
            {
                if (!File.Exists(path))
                {
                    return null;
                }

                byte[] stored = File.ReadAllBytes(path);
                return CredentialCacheEntry.TryParse(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(CacheProtection.Unprotect(stored)));
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException
                || exception is System.ComponentModel.Win32Exception || exception is ArgumentException)
            {
                return null;
            }
        }
    }
}
