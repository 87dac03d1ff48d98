using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace CasAws.Waiting
{
    /// <summary>How a wait is shown: a PowerShell progress bar (the cmdlets) or a terminal line (the helper).</summary>
    internal interface IWaitRenderer
    {
        /// <summary>Called on the waiting thread, every poll once the wait is longer than the delay.</summary>
        void Show(double secondsWaited);

        /// <summary>Called once at the end, only when something was shown.</summary>
        void Clear();
    }

    /// <summary>
    /// The one wait loop for a call that may hold for a person (CAS holding a request for the Duo push, STS, a
    /// browser): polls the task on the calling thread, shows the seconds waited once a short delay has passed
    /// (so quick calls show nothing), stops showing when Ctrl+C was pressed, and clears what it showed.
    /// </summary>
    internal static class WaitTicker
    {
        public static readonly TimeSpan ShowAfter = TimeSpan.FromSeconds(1);

        /// <summary>Waits for <paramref name="task"/> (its faults and cancellation are the caller's to read).</summary>
        public static void Wait(Task task, IWaitRenderer renderer, CancellationToken cancellation, int pollMilliseconds = 100)
        {
            var waited = Stopwatch.StartNew();
            bool shown = false;
            try
            {
                while (!Finished(task, pollMilliseconds))
                {
                    if (waited.Elapsed < ShowAfter || cancellation.IsCancellationRequested) continue;
                    renderer.Show(waited.Elapsed.TotalSeconds);
                    shown = true;
                }
            }
            finally
            {
                if (shown) renderer.Clear();
            }
        }

        private static bool Finished(Task task, int milliseconds)
        {
            try
            {
                return task.Wait(milliseconds);
            }
            catch (AggregateException)
            {
                return true;
            }
        }
    }
}
