using System;
using System.Globalization;
using System.IO;
using System.Text;
using CasAws.Cache;

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

        public static CredentialCacheAnswer For(CredentialProcessArguments commandLine, CredentialCacheStore store, DateTime utcNow)
        {
            CredentialCacheEntry? entry = store.Read(commandLine.Profile);
            string login = ImportModuleCommand() + "; " + CredentialCacheEntry.LoginCommand(entry?.Server ?? commandLine.Server, entry?.RoleArn ?? commandLine.RoleArn);
            string profile = commandLine.Profile;
            if (entry is null || !entry.HasKeys)
            {
                return new CredentialCacheAnswer(null,
                    $"CasAws has no cached credentials for profile '{profile}'. Log in again in PowerShell: {login}");
            }

            if (entry.Expiration - utcNow <= MinimumRemaining)
            {
                string when = entry.Expiration <= utcNow ? "expired at" : "expire too soon, at";
                return new CredentialCacheAnswer(null,
                    $"CasAws credentials for profile '{profile}' {when} {entry.ExpirationText}. Log in again in PowerShell: {login}");
            }

            return new CredentialCacheAnswer(ToJson(entry), null);
        }

        /// <summary>
        /// Import-Module for the module this helper came with, by path (bin/RID/ lies below the module's
        /// folder), so the hint also works for a module imported by path rather than installed; by name
        /// when the helper runs from elsewhere.
        /// </summary>
        private static string ImportModuleCommand()
        {
            string manifest = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "CasAws.psd1"));
            return File.Exists(manifest) ? "Import-Module '" + manifest.Replace("'", "''") + "'" : "Import-Module CasAws";
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
