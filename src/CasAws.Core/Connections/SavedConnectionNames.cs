using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CasAws.Connections
{
    /// <summary>Connection names: short words a person types (-Name work), never a URL.</summary>
    internal static class SavedConnectionNames
    {
        private const int MaxLength = 64;
        private static readonly Regex Valid = new Regex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant);
        private static readonly Regex NotAllowed = new Regex(@"[^A-Za-z0-9._-]+", RegexOptions.CultureInvariant);

        public static bool IsValid(string name) => Valid.IsMatch(name);

        /// <summary>The name a connection gets when none is given: the server's host name.</summary>
        public static string FromServer(System.Uri server)
        {
            string host = server.Host;
            return IsValid(host) ? host : "cas";
        }

        /// <summary>
        /// A name for <paramref name="connection"/> that none of <paramref name="taken"/> has: the server's host name;
        /// else host-user (host-browser for an OpenID Connect login); else that with -2, -3, ...
        /// </summary>
        public static string Unused(SavedConnection connection, IEnumerable<string> taken)
        {
            var used = new HashSet<string>(taken, StringComparer.OrdinalIgnoreCase);
            string host = FromServer(new Uri(connection.Server));
            if (!used.Contains(host)) return host;

            string who = connection.OpenIdConnect ? "browser" : NotAllowed.Replace(connection.UserName ?? "user", "_").Trim('.', '_', '-');
            string stem = Fit(host + "-" + (who.Length == 0 ? "user" : who), 0);
            if (!used.Contains(stem)) return stem;
            for (int number = 2; ; number++)
            {
                string suffix = "-" + number.ToString(CultureInfo.InvariantCulture);
                string candidate = Fit(stem, suffix.Length) + suffix;
                if (!used.Contains(candidate)) return candidate;
            }
        }

        private static string Fit(string name, int reserved) => name.Length + reserved <= MaxLength ? name : name.Substring(0, MaxLength - reserved).TrimEnd('.', '_', '-');
    }
}
