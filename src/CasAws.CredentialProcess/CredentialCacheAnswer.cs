using System;
using System.Globalization;
using System.IO;
using System.Text;
using CasAws.Cache;
using CasAws.Validation;

namespace CasAws.CredentialProcess
{
    /// <summary>
    /// What the helper answers for a profile: the credential_process JSON when the cache holds keys
    /// with more than <see cref="MinimumRemaining"/> left, otherwise one line saying how to log in again.
    /// </summary>
    internal sealed class CredentialCacheAnswer
    {
        /// <summary>botocore and the .NET SDK refresh 15 minutes before expiry: keys closer to it would be asked for again at once.</summary>
        public static readonly TimeSpan MinimumRemaining = TimeSpan.FromMinutes(15);

        private CredentialCacheAnswer(string? json, string? problem)
        {
            Json = json;
            Problem = problem;
        }

        public string? Json { get; }

        /// <summary>One line without secrets for stderr.</summary>
        public string? Problem { get; }

        /// <summary>The cache directory is not private: a login would have nowhere safe to keep its keys.</summary>
        public bool CacheUntrusted { get; private set; }

        /// <summary>The profile comes from a browser login: a password prompt cannot renew it.</summary>
        public bool NeedsBrowserLogin { get; private set; }

        public static CredentialCacheAnswer For(CredentialProcessArguments commandLine, CredentialCacheStore store, DateTime utcNow)
        {
            CredentialCacheEntry? entry;
            try
            {
                entry = store.Read(commandLine.Profile);
            }
            catch (Files.UntrustedDirectoryException exception)
            {
                return new CredentialCacheAnswer(null, "CasAws credential_process: " + exception.Message) { CacheUntrusted = true };
            }

            bool browser = entry?.BrowserLogin == true;
            string login = ImportModuleCommand() + "; " + (entry ?? CredentialCacheEntry.From(commandLine)).LoginCommand(commandLine);
            string how = browser
                ? $"The profile comes from a browser login, which has ended: log in in the browser again, in PowerShell: {login}"
                : $"Log in again in PowerShell: {login}";
            string profile = commandLine.Profile;
            if (entry is null || !entry.HasKeys)
            {
                return new CredentialCacheAnswer(null, $"CasAws has no cached credentials for profile '{profile}'. {how}") { NeedsBrowserLogin = browser };
            }

            if (entry.Expiration - utcNow <= MinimumRemaining)
            {
                string when = entry.Expiration <= utcNow ? "expired at" : "expire too soon, at";
                return new CredentialCacheAnswer(null, $"CasAws credentials for profile '{profile}' {when} {entry.ExpirationText}. {how}") { NeedsBrowserLogin = browser };
            }

            return new CredentialCacheAnswer(ToJson(entry), null);
        }

        /// <summary>
        /// Import-Module for the module this helper came with, by path, so the hint also works for a module
        /// imported by path rather than installed: the module's own helper lies in bin/RID/ below the
        /// manifest; the per-user copy that registered profiles run (UserHelperCopy) names the helper it was
        /// copied from in its stamp file. By name when neither leads to a manifest.
        /// </summary>
        internal static string ImportModuleCommand()
        {
            return ImportModuleCommand(ManifestAbove(AppContext.BaseDirectory) ?? ManifestOfCopySource(Environment.ProcessPath));
        }

        /// <summary>The import line for <paramref name="manifest"/>, quoted by PowerShell's rules (a ’ in a folder name cannot end the literal).</summary>
        internal static string ImportModuleCommand(string? manifest)
        {
            string? literal = manifest == null ? null : PowerShellQuoting.SingleQuoted(manifest);
            return literal != null ? "Import-Module " + literal : "Import-Module CasAws";
        }

        private static string? ManifestAbove(string? helperDirectory)
        {
            if (string.IsNullOrEmpty(helperDirectory)) return null;
            string manifest = Path.GetFullPath(Path.Combine(helperDirectory, "..", "..", "CasAws.psd1"));
            return File.Exists(manifest) && !HasControlCharacter(manifest) ? manifest : null;
        }

        /// <summary>The stamp next to the copy reads "version length ticks path-of-the-module's-helper".</summary>
        private static string? ManifestOfCopySource(string? processPath)
        {
            if (string.IsNullOrEmpty(processPath)) return null;
            try
            {
                string stampPath = processPath + ".source";
                if (!File.Exists(stampPath)) return null;
                string[] parts = File.ReadAllText(stampPath).Trim().Split(new[] { ' ' }, 4);
                return parts.Length == 4 && Path.IsPathRooted(parts[3]) ? ManifestAbove(Path.GetDirectoryName(parts[3])) : null;
            }
            catch (IOException)
            {
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
        }

        private static bool HasControlCharacter(string text)
        {
            foreach (char c in text)
            {
                if (char.IsControl(c)) return true;
            }

            return false;
        }

        /// <summary>The credential_process JSON of an entry with keys.</summary>
        public static string ToJson(CredentialCacheEntry entry)
        {
            var json = new StringBuilder("{\"Version\": 1");
            Append(json, "AccessKeyId", entry.AccessKeyId!);
            Append(json, "SecretAccessKey", entry.SecretAccessKey!);
            Append(json, "SessionToken", entry.SessionToken!);
            Append(json, "Expiration", entry.ExpirationText);
            if (entry.AccountId is not null)
            {
                Append(json, "AccountId", entry.AccountId);
            }

            return json.Append("}\n").ToString();
        }

        private static void Append(StringBuilder json, string name, string value)
        {
            json.Append(", \"").Append(name).Append("\": \"");
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"':
                        json.Append("\\\"");
                        break;
                    case '\\':
                        json.Append("\\\\");
                        break;
                    default:
                        if (c < ' ')
                        {
                            json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            json.Append(c);
                        }

                        break;
                }
            }

            json.Append('"');
        }
    }
}
