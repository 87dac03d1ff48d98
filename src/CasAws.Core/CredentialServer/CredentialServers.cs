using System;
using System.Collections.Generic;
using System.Linq;

namespace CasAws.CredentialServer
{
    /// <summary>The endpoints running in this process (every runspace's), for Get-/Stop-CasAwsCredentialServer and Get-CasAwsStatus.</summary>
    internal static class CredentialServers
    {
        private static readonly object Gate = new object();
        private static readonly List<CasAwsCredentialServer> Servers = new List<CasAwsCredentialServer>();

        public static IReadOnlyList<CasAwsCredentialServer> Running
        {
            get { lock (Gate) return Servers.ToList(); }
        }

        /// <summary>Lists an endpoint that may share its role with others (Invoke-CasAwsCommand -KeepFresh, runs in parallel).</summary>
        public static void Add(CasAwsCredentialServer server)
        {
            lock (Gate) Servers.Add(server);
        }

        /// <summary>Adds <paramref name="server"/> unless one started by the same command already serves its name or role; returns that one then.</summary>
        public static CasAwsCredentialServer? AddUnlessTaken(CasAwsCredentialServer server)
        {
            lock (Gate)
            {
                CasAwsCredentialServer? taken = Taken(server.StartedBy, server.Name, server.RoleArn);
                if (taken == null) Servers.Add(server);
                return taken;
            }
        }

        /// <summary>The endpoint started by <paramref name="startedBy"/> that already has this name or serves this role, or null.</summary>
        public static CasAwsCredentialServer? Taken(string startedBy, string name, string? roleArn)
        {
            lock (Gate)
            {
                return Servers.FirstOrDefault(s => s.StartedBy == startedBy
                    && (string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(s.RoleArn, roleArn, StringComparison.Ordinal)));
            }
        }

        public static void Stop(CasAwsCredentialServer server)
        {
            lock (Gate) Servers.Remove(server);
            server.Dispose();
        }

        /// <summary>Stops the endpoints that serve <paramref name="session"/>'s credentials: a session that is logged out serves nothing.</summary>
        public static void StopServing(Session.CasAwsSession session)
        {
            foreach (CasAwsCredentialServer server in Running)
            {
                if (ReferenceEquals(server.Renewal.Session, session)) Stop(server);
            }
        }

        /// <summary>Stops every endpoint (module removal, log-out): none may serve a session that is gone.</summary>
        public static void StopAll()
        {
            foreach (CasAwsCredentialServer server in Running) Stop(server);
        }
    }
}
