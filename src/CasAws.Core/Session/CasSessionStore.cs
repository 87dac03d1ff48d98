using System.Threading;
using CasAws.Errors;

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

        /// <summary>
        /// The current session, or the one 'no session' error: what to run first, and for commands that take
        /// credentials from the pipeline (<paramref name="pipelineCommand"/>), how to pipe them in.
        /// </summary>
        /// <exception cref="CasAwsException">NotConnected.</exception>
        public static CasAwsSession RequireCurrent(string? pipelineCommand = null) =>
            Current ?? throw new CasAwsException(ErrorIds.NotConnected, CasAwsErrorKind.InvalidOperation, null,
                "There is no CAS session. Run Connect-CasAws -Server <CAS URL> first"
                + (pipelineCommand == null
                    ? ", or pass -Server and -Credential to Get-CasAwsCredential."
                    : ", or pipe credentials in: Get-CasAwsCredential -RoleArn <role> | " + pipelineCommand + "."));

        /// <summary>Makes the session current and wipes the one it replaces (and stops the endpoints that served it).</summary>
        public static void SetCurrent(CasAwsSession session)
        {
            CasAwsSession? previous = Interlocked.Exchange(ref _current, session);
            if (previous != null && !ReferenceEquals(previous, session)) End(previous);
        }

        /// <summary>Forgets and wipes the current session, stopping its credential endpoints; returns it, or null when there was none.</summary>
        public static CasAwsSession? Clear()
        {
            CasAwsSession? previous = Interlocked.Exchange(ref _current, null);
            if (previous != null) End(previous);
            return previous;
        }

        private static void End(CasAwsSession session)
        {
            CredentialServer.CredentialServers.StopServing(session);
            session.Wipe();
        }
    }
}
