using System;
using CasAws.Credentials;
using CasAws.Errors;
using CasAws.Session;

namespace CasAws.Profiles
{
    /// <summary>
    /// The CAS server a profile registration is for: -Server (a URL, or the saved connection it names), else the
    /// piped credentials' login, else the session's; and the session, which fills in settings and roles only when
    /// it is for that same server.
    /// </summary>
    internal sealed class ProfileServerChoice
    {
        private ProfileServerChoice(string serverKey, CasAwsSession? session)
        {
            ServerKey = serverKey;
            Session = session;
        }

        /// <summary>The server as the cache and the helper's arguments spell it (<see cref="Cache.ServerKey"/>).</summary>
        public string ServerKey { get; }

        /// <summary>The session when it is for this server, else null.</summary>
        public CasAwsSession? Session { get; }

        /// <param name="given">-Server as a URL, or the saved connection's URL it named.</param>
        /// <param name="piped">The credentials piped in (one profile only), or null.</param>
        /// <param name="target">What the error names when no server is known.</param>
        /// <exception cref="CasAwsException">ProfileServerRequired: none of the three names a server.</exception>
        public static ProfileServerChoice Choose(Uri? given, CasAwsCredential? piped, CasAwsSession? session, string target)
        {
            Uri server = given ?? piped?.Origin?.Server ?? session?.Settings.Server
                ?? throw new CasAwsException(ErrorIds.ProfileServerRequired, CasAwsErrorKind.InvalidArgument, target,
                    "Say which CAS server the profile logs in to: pass -Server (the CAS base URL), pipe credentials from Get-CasAwsCredential, or run Connect-CasAws first.");
            string serverKey = Cache.ServerKey.Normalize(server);
            bool sessionServer = session is not null && Cache.ServerKey.Normalize(session.Settings.Server) == serverKey;
            return new ProfileServerChoice(serverKey, sessionServer ? session : null);
        }
    }
}
