using System;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CasAws.Aws
{
    /// <summary>
    /// A page on 127.0.0.1 (a free port, a random 256-bit path) that answers exactly one request with a
    /// redirect to a secret URL and is gone afterwards. The browser is started with this page's address,
    /// so the secret (the console sign-in token) never appears in any process's arguments, which other
    /// local users can read. Anyone who fetches the page first gets the redirect: the one fetch it allows,
    /// and the listener closing at once, make a thief visible (the user's browser then finds nothing).
    /// </summary>
    internal sealed class OneTimeRedirectPage : IDisposable
    {
        private const int MaxRequestBytes = 8192;
        private static readonly TimeSpan RequestReadTimeout = TimeSpan.FromSeconds(10);

        private readonly TcpListener _listener;
        private readonly string _path;
        private readonly Uri _target;
        private readonly TaskCompletionSource<bool> _served = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _stopped;

        private OneTimeRedirectPage(TcpListener listener, string path, Uri target)
        {
            _listener = listener;
            _path = path;
            _target = target;
            Address = new Uri("http://127.0.0.1:" + ((IPEndPoint)listener.LocalEndpoint).Port + path);
        }

        /// <summary>The address to give the browser: holds no part of the target.</summary>
        public Uri Address { get; }

        /// <summary>How many requests for other paths (or other methods) were turned away.</summary>
        public int Refused => Volatile.Read(ref _refused);

        private int _refused;

        public static OneTimeRedirectPage Start(Uri target)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var page = new OneTimeRedirectPage(listener, "/" + RandomPath(), target);
            _ = page.AcceptLoopAsync();
            return page;
        }

        /// <summary>True once the page was served; false when <paramref name="timeout"/> passed first.</summary>
        public async Task<bool> WaitForRequestAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            using (var giveUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                giveUp.CancelAfter(timeout);
                Task finished = await Task.WhenAny(_served.Task, Task.Delay(Timeout.Infinite, giveUp.Token)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                return finished == _served.Task;
            }
        }

        public void Dispose() => Stop();

        private void Stop()
        {
            if (Interlocked.Exchange(ref _stopped, 1) == 0)
            {
                _listener.Stop();
            }
        }

        private async Task AcceptLoopAsync()
        {
            while (Volatile.Read(ref _stopped) == 0)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is SocketException || exception is ObjectDisposedException || exception is InvalidOperationException)
                {
                    return; // stopped
                }

                // Each connection on its own: a browser's idle pre-connection must not hold up the real request.
                _ = Task.Run(() => AnswerAsync(client));
            }
        }

        private async Task AnswerAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    NetworkStream stream = client.GetStream();
                    string? requestLine = await ReadRequestLineAsync(stream).ConfigureAwait(false);
                    bool mine = requestLine != null && IsRequestForPage(requestLine) && Interlocked.Exchange(ref _stopped, 1) == 0;
                    if (mine)
                    {
                        _listener.Stop(); // gone: no second fetch, no later connection
                    }
                    else
                    {
                        Interlocked.Increment(ref _refused);
                    }

                    byte[] response = Encoding.ASCII.GetBytes(mine
                        ? "HTTP/1.1 303 See Other\r\nLocation: " + _target.AbsoluteUri + "\r\nCache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        : "HTTP/1.1 404 Not Found\r\nCache-Control: no-store\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    await stream.WriteAsync(response, 0, response.Length).ConfigureAwait(false);
                    await stream.FlushAsync().ConfigureAwait(false);
                    if (mine)
                    {
                        _served.TrySetResult(true);
                    }
                }
                catch (Exception exception) when (exception is System.IO.IOException || exception is SocketException || exception is ObjectDisposedException || exception is OperationCanceledException)
                {
                    // a client that went away or never spoke: nothing to answer
                }
            }
        }

        /// <summary>The first line of the request (up to the end of its headers), or null when it does not come in time or is too long.</summary>
        private static async Task<string?> ReadRequestLineAsync(NetworkStream stream)
        {
            var buffer = new byte[MaxRequestBytes];
            int length = 0;
            using (var timeout = new CancellationTokenSource(RequestReadTimeout))
            using (timeout.Token.Register(stream.Dispose))
            {
                while (length < buffer.Length)
                {
                    int read = await stream.ReadAsync(buffer, length, buffer.Length - length, timeout.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return null;
                    }

                    length += read;
                    string text = Encoding.ASCII.GetString(buffer, 0, length);
                    if (text.Contains("\r\n\r\n") || text.Contains("\n\n"))
                    {
                        return text.Substring(0, text.IndexOf('\n')).TrimEnd('\r');
                    }
                }
            }

            return null;
        }

        private bool IsRequestForPage(string requestLine)
        {
            string[] parts = requestLine.Split(' ');
            return parts.Length == 3 && parts[0] == "GET" && FixedTimeEquals(parts[1], _path);
        }

        private static bool FixedTimeEquals(string a, string b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            int difference = 0;
            for (int i = 0; i < a.Length; i++)
            {
                difference |= a[i] ^ b[i];
            }

            return difference == 0;
        }

        private static string RandomPath()
        {
            var bytes = new byte[32];
            using (RandomNumberGenerator random = RandomNumberGenerator.Create())
            {
                random.GetBytes(bytes);
            }

            return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }
    }
}
