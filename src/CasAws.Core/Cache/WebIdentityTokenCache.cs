using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using CasAws.Files;

namespace CasAws.Cache
{
    /// <summary>An OpenID Connect login as the credential_process helper needs it to assume roles by itself.</summary>
    internal sealed class CachedWebIdentity
    {
        public CachedWebIdentity(string server, string sessionName, string idToken, DateTime expiresUtc)
        {
            Server = server;
            SessionName = sessionName;
            IdToken = idToken;
            ExpiresUtc = expiresUtc;
        }

        /// <summary>The CAS server (<see cref="ServerKey"/> form) the registered profiles name.</summary>
        public string Server { get; }

        public string SessionName { get; }

        /// <summary>A bearer credential: this cache file is the one place outside memory that holds it.</summary>
        public string IdToken { get; }

        public DateTime ExpiresUtc { get; }
    }

    /// <summary>
    /// The id_token of the latest OpenID Connect login per CAS server, in the private cache
    /// (<see cref="CacheDirectory"/>/oidc, owner-only, DPAPI on Windows), so a registered profile's
    /// credential_process helper can call AssumeRoleWithWebIdentity without a prompt while it is valid.
    /// Used by the module and the helper alike.
    /// </summary>
    internal static class WebIdentityTokenCache
    {
        /// <summary>The file name ending of a cached login.</summary>
        public const string Extension = ".token";
        private const string FormatLine = "CasAws web identity 1";

        public static string DirectoryPath => Path.Combine(CacheDirectory.Resolve(), "oidc");

        public static string PathFor(string server) => Path.Combine(DirectoryPath, CredentialCacheStore.FileNameFor(server) + Extension);

        public static void Write(CachedWebIdentity identity)
        {
            var text = new StringBuilder(FormatLine).Append('\n');
            Append(text, "server", identity.Server);
            Append(text, "session", identity.SessionName);
            Append(text, "expires", ((long)(identity.ExpiresUtc - Epoch).TotalSeconds).ToString(CultureInfo.InvariantCulture));
            Append(text, "idToken", identity.IdToken);
            PrivateDirectory.Ensure(Path.GetDirectoryName(DirectoryPath)!);
            PrivateDirectory.Ensure(DirectoryPath);
            AtomicFileWriter.Write(PathFor(identity.Server), CacheProtection.Protect(Encoding.UTF8.GetBytes(text.ToString())), FilePrivacy.OwnerOnly);
        }

        /// <summary>The cached login for the server, or null when there is none or the file proves nothing.</summary>
        public static CachedWebIdentity? Read(string server)
        {
            try
            {
                string path = PathFor(server);
                if (!File.Exists(path)) return null;
                string text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(CacheProtection.Unprotect(File.ReadAllBytes(path)));
                string[] lines = text.Split('\n');
                if (lines.Length < 2 || lines[0] != FormatLine) return null;
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                for (int i = 1; i < lines.Length; i++)
                {
                    int equals = lines[i].IndexOf('=');
                    if (equals > 0) values[lines[i].Substring(0, equals)] = lines[i].Substring(equals + 1);
                }

                if (!values.TryGetValue("server", out string? stored) || stored != server
                    || !values.TryGetValue("session", out string? session) || session.Length == 0
                    || !values.TryGetValue("idToken", out string? idToken) || idToken.Length == 0
                    || !values.TryGetValue("expires", out string? expires) || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds))
                {
                    return null;
                }

                return new CachedWebIdentity(server, session, idToken, Epoch.AddSeconds(Math.Min(seconds, 253402300799L)));
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException
                || exception is System.ComponentModel.Win32Exception || exception is ArgumentException)
            {
                return null;
            }
        }

        /// <summary>Deletes the server's cached login if it still holds <paramref name="idToken"/> (a newer login's stays).</summary>
        public static void DeleteIfHolds(string server, string idToken)
        {
            CachedWebIdentity? cached = Read(server);
            if (cached != null && cached.IdToken == idToken) File.Delete(PathFor(server));
        }

        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        private static void Append(StringBuilder text, string name, string value)
        {
            if (value.IndexOf('\n') >= 0 || value.IndexOf('\r') >= 0) throw new ArgumentException($"The cache value '{name}' cannot contain a line break.", nameof(value));
            text.Append(name).Append('=').Append(value).Append('\n');
        }
    }
}
