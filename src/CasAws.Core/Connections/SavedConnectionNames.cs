using System.Text.RegularExpressions;

namespace CasAws.Connections
{
    /// <summary>Connection names: short words a person types (-Name work), never a URL.</summary>
    internal static class SavedConnectionNames
    {
        private static readonly Regex Valid = new Regex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant);

        public static bool IsValid(string name) => Valid.IsMatch(name);

        /// <summary>The name a connection gets when none is given: the server's host name.</summary>
        public static string FromServer(System.Uri server)
        {
            string host = server.Host;
            return IsValid(host) ? host : "cas";
        }
    }
}
