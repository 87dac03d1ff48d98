using System;
using System.Collections.Generic;
using System.Threading;

namespace CasAws.AwsEnvironment
{
    /// <summary>
    /// Sets process environment variables and, on Dispose, puts every one of them back exactly as it was
    /// (unset variables unset again). Used in a finally block, so an error or Ctrl+C restores them too.
    /// </summary>
    /// <remarks>
    /// The environment belongs to the whole process, and runspaces (ForEach-Object -Parallel, thread jobs,
    /// runspace pools) share it. Two scopes that overlapped would each see the other's keys and restore the
    /// other's keys as "previous" values, leaving credentials behind. So a scope holds a process-wide lock
    /// from the moment it sets the variables until it has restored them: scopes run one at a time, and a
    /// scope in another runspace waits (cancellably) for the running one to finish. The lock is re-entrant
    /// on the thread that holds it, so a script block may itself call Invoke-CasAwsCommand.
    /// </remarks>
    internal sealed class ScopedEnvironment : IDisposable
    {
        private const int PollMilliseconds = 100;

        private static readonly object ProcessEnvironmentLock = new object();

        private readonly List<KeyValuePair<string, string?>> _previous = new List<KeyValuePair<string, string?>>();
        private bool _held;

        private ScopedEnvironment()
        {
        }

        /// <summary>
        /// Waits until no other scope is running, then sets <paramref name="variables"/>.
        /// <paramref name="waiting"/> is called once, on this thread, if the scope has to wait.
        /// </summary>
        /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
        public static ScopedEnvironment Enter(IEnumerable<KeyValuePair<string, string?>> variables, CancellationToken cancellationToken, Action? waiting = null)
        {
            var scope = new ScopedEnvironment();
            bool told = false;
            while (!Monitor.TryEnter(ProcessEnvironmentLock, PollMilliseconds))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!told)
                {
                    told = true;
                    waiting?.Invoke();
                }
            }

            scope._held = true;
            try
            {
                foreach (KeyValuePair<string, string?> variable in variables)
                {
                    scope._previous.Add(new KeyValuePair<string, string?>(variable.Key, Environment.GetEnvironmentVariable(variable.Key)));
                    Environment.SetEnvironmentVariable(variable.Key, variable.Value);
                }
            }
            catch
            {
                scope.Dispose();
                throw;
            }

            return scope;
        }

        /// <summary>Restores the variables and lets the next scope run. Must run on the thread that entered.</summary>
        public void Dispose()
        {
            if (!_held) return;
            try
            {
                for (int i = _previous.Count - 1; i >= 0; i--)
                {
                    Environment.SetEnvironmentVariable(_previous[i].Key, _previous[i].Value);
                }

                _previous.Clear();
            }
            finally
            {
                _held = false;
                Monitor.Exit(ProcessEnvironmentLock);
            }
        }
    }
}
