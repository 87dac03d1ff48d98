using System;
using System.Security;
using System.Threading;

namespace CasAws.CredentialProcess
{
    /// <summary>
    /// The terminal of the person who ran the 'aws' command: /dev/tty on Unix, the console on Windows.
    /// Standard output belongs to the AWS CLI and standard input is never read, so every prompt and
    /// message of a login goes here.
    /// </summary>
    internal abstract class Terminal : IDisposable
    {
        /// <summary>The process's terminal, or null when it has none (cron, CI, an IDE, a service).</summary>
        public static Terminal? TryOpen() => OperatingSystem.IsWindows() ? WindowsConsole.Open() : UnixTerminal.Open();

        /// <summary>False for a background job, which the shell would stop if it read from the terminal.</summary>
        public abstract bool IsForeground { get; }

        public abstract void Write(string text);

        public void WriteLine(string text) => Write(text + Environment.NewLine);

        /// <summary>A line typed with echo; null at end of input (Ctrl+D).</summary>
        public string? ReadLine(string prompt, CancellationToken cancellation)
        {
            char[]? typed = ReadChars(prompt, echo: true, cancellation);
            if (typed is null)
            {
                return null;
            }

            string line = new string(typed).Trim();
            Array.Clear(typed, 0, typed.Length);
            return line;
        }

        /// <summary>A line typed without echo (echo comes back before this returns, also on Ctrl+C); null at end of input.</summary>
        public SecureString? ReadSecret(string prompt, CancellationToken cancellation)
        {
            char[]? typed = ReadChars(prompt, echo: false, cancellation);
            if (typed is null)
            {
                return null;
            }

            var secret = new SecureString();
            foreach (char c in typed)
            {
                secret.AppendChar(c);
            }

            Array.Clear(typed, 0, typed.Length);
            secret.MakeReadOnly();
            return secret;
        }

        /// <summary>Puts echo back if a secret is being read; safe to call from a signal handler and more than once.</summary>
        public abstract void RestoreEcho();

        public abstract void Dispose();

        /// <summary>
        /// Shows the prompt and reads one line, without its end; the caller wipes the array. Null at end of input.
        /// Without echo, echo goes off before the prompt shows (as getpass does), so nothing typed after the
        /// prompt appears can be echoed or flushed away.
        /// </summary>
        protected abstract char[]? ReadChars(string prompt, bool echo, CancellationToken cancellation);
    }
}
