using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace CasAws.Browser
{
    /// <summary>
    /// The one HTTP listener CasAws runs: 127.0.0.1 only, a port the system picks (or the one given),
    /// connections served concurrently, each request head read within <see cref="RequestBound"/>, so idle
    /// or stray connections neither stall nor end anything. What to answer is the owner's
    /// (<see cref="LoopbackPageServer"/>, the credential endpoint).
    /// </summary>
    internal sealed class LoopbackListener : IDisposable
    {
        /// <summary>How long one connection may take to send its request: browsers and SDKs send it at once.</summary>
        internal static readonly TimeSpan RequestBound = TimeSpan.FromSeconds(5);

        private readonly TcpListener _listener;
        private readonly Func<TcpClient, LoopbackRequest, bool> _serve;
        private readonly CancellationTokenSource _stopped = new CancellationTokenSource();

        private LoopbackListener(TcpListener listener, Func<TcpClient, LoopbackRequest, bool> serve)
        {
            _listener = listener;
            _serve = serve;
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            Origin = "http://127.0.0.1:" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public int Port { get; }

        /// <summary>http://127.0.0.1:port, without a trailing slash.</summary>
        public string Origin { get; }

        public bool Stopped => _stopped.IsCancellationRequested;

        /// <summary>
        /// Listens on 127.0.0.1 at <paramref name="port"/> (0: a free port). <paramref name="serve"/> answers each
        /// complete request and returns true when it keeps the connection (it then disposes it itself).
        /// </summary>
        /// <exception cref="SocketException">The port is taken.</exception>
        public static LoopbackListener Start(Func<TcpClient, LoopbackRequest, bool> serve, int port = 0)
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            var server = new LoopbackListener(listener, serve);
            _ = server.AcceptLoopAsync();
            return server;
        }

        public void Dispose()
        {
            if (_stopped.IsCancellationRequested) return;
            _stopped.Cancel();
            _listener.Stop();
        }

        private async Task AcceptLoopAsync()
        {
            while (!_stopped.IsCancellationRequested)
            {
                TcpClient connection;
                try
                {
                    connection = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                }
                catch (Exception problem) when (problem is SocketException || problem is ObjectDisposedException || problem is InvalidOperationException)
                {
                    return; // stopped
                }

                _ = Task.Run(() => ServeAsync(connection));
            }
        }

        private async Task ServeAsync(TcpClient connection)
        {
            bool handedOver = false;
            try
            {
                LoopbackRequest? request = await LoopbackRequest.ReadAsync(connection.GetStream(), RequestBound, _stopped.Token).ConfigureAwait(false);
                if (request == null || _stopped.IsCancellationRequested) return;
                handedOver = _serve(connection, request);
            }
            catch (Exception problem) when (problem is ObjectDisposedException || problem is InvalidOperationException || problem is SocketException)
            {
                // a client that went away
            }
            finally
            {
                if (!handedOver) connection.Dispose();
            }
        }
    }
}
