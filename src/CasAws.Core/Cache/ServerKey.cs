using System;

namespace CasAws.Cache
{
    /// <summary>One spelling per CAS server, so a registration matches whatever the user typed later.</summary>
    internal static class ServerKey
    {
        /// <summary>Scheme, host, port and path; lower-case host, no trailing slash, no query.</summary>
        public static string Normalize(Uri server) => server.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }
}
