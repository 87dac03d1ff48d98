using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;

namespace CasAws.CredentialProcess
{
    /// <summary>
    /// Ctrl+C (and the signals a closed terminal or a kill sends) cancel the login instead of ending the
    /// process on the spot: echo is put back at once, then the login stops and reports it.
    /// </summary>
    internal sealed class CancelKeys : IDisposable
    {
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
        private readonly List<PosixSignalRegistration> _registrations = new List<PosixSignalRegistration>();

        public CancelKeys(Terminal terminal)
        {
            foreach (PosixSignal signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGQUIT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
            {
                try
                {
                    _registrations.Add(PosixSignalRegistration.Create(signal, context =>
                    {
                        context.Cancel = true;
                        terminal.RestoreEcho();
                        try
                        {
                            _cancellation.Cancel();
                        }
                        catch (ObjectDisposedException)
                        {
                            // the login is already over
                        }
                    }));
                }
                catch (PlatformNotSupportedException)
                {
                    // not every signal exists everywhere (Windows maps only some)
                }
            }
        }

        public CancellationToken Token => _cancellation.Token;

        /// <summary>True when a signal, not something else, ended the login.</summary>
        public bool Pressed => _cancellation.IsCancellationRequested;

        public void Dispose()
        {
            foreach (PosixSignalRegistration registration in _registrations)
            {
                registration.Dispose();
            }

            _cancellation.Dispose();
        }
    }
}
