using System.Threading;

namespace CasAws.Session
{
    /// <summary>
    /// The current session, shared by every runspace in the process, so ForEach-Object -Parallel
    /// and background runspaces see what Connect-CasAws set up.
    /// </summary>
    internal static class CasSessionStore
    {
        private static CasAwsSession? _current;

        public static CasAwsSession? Current => Volatile.Read(ref _current);

        /// <summary>Makes the session current and wipes the one it replaces.</summary>
        public static void SetCurrent(CasAwsSession session)
        {
            CasAwsSession? previous = Interlocked.Exchange(ref _current, session);
            if (previous != null && !ReferenceEquals(previous, session)) previous.Wipe();
        }

        /// <summary>Forgets and wipes the current session; returns it, or null when there was none.</summary>
        public static CasAwsSession? Clear()
        {
            CasAwsSession? previous = Interlocked.Exchange(ref _current, null);
            previous?.Wipe();
            return previous;
        }
    }
}
