using System;
using System.Collections.Generic;
using System.Linq;
using CasAws.Credentials;
using CasAws.Session;

namespace CasAws.CredentialServer
{
    /// <summary>
    /// The process's running renewals, one per session, role and duration: a second endpoint or
    /// Invoke-CasAwsCommand -KeepFresh for the same role joins the running one (one push per renewal, not
    /// one per user of the role). A renewal stops when its last lease is disposed.
    /// </summary>
    internal static class RoleRenewals
    {
        private static readonly object Gate = new object();
        private static readonly Dictionary<RoleRenewal, int> Users = new Dictionary<RoleRenewal, int>();

        public static IReadOnlyList<RoleRenewal> Running
        {
            get { lock (Gate) return Users.Keys.ToList(); }
        }

        /// <summary>Joins the renewal of <paramref name="first"/>'s role, or starts one with <paramref name="first"/> as its keys.</summary>
        public static Lease Acquire(CasAwsSession session, CasCredentialService service, string? roleArn, TimeSpan duration, CasAwsCredential first, TimeSpan margin)
        {
            lock (Gate)
            {
                RoleRenewal? renewal = Users.Keys.FirstOrDefault(r => ReferenceEquals(r.Session, session)
                    && string.Equals(r.RoleArn, roleArn, StringComparison.Ordinal) && r.Duration == duration);
                if (renewal == null)
                {
                    renewal = new RoleRenewal(session, service, roleArn, duration, first, margin);
                    Users[renewal] = 0;
                    renewal.Start();
                }
                else
                {
                    renewal.WidenMargin(margin);
                }

                Users[renewal]++;
                return new Lease(renewal);
            }
        }

        private static void Release(RoleRenewal renewal)
        {
            lock (Gate)
            {
                if (!Users.TryGetValue(renewal, out int count)) return;
                if (count > 1)
                {
                    Users[renewal] = count - 1;
                    return;
                }

                Users.Remove(renewal);
                renewal.Stop();
            }
        }

        /// <summary>One user's hold on a renewal; Dispose lets it go (at most once).</summary>
        internal sealed class Lease : IDisposable
        {
            private RoleRenewal? _renewal;

            public Lease(RoleRenewal renewal)
            {
                _renewal = renewal;
                Renewal = renewal;
            }

            public RoleRenewal Renewal { get; }

            public void Dispose()
            {
                RoleRenewal? renewal = System.Threading.Interlocked.Exchange(ref _renewal, null);
                if (renewal != null) Release(renewal);
            }
        }
    }
}
