using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CasAws.Oidc
{
    /// <summary>A browser's request to the redirect URI, held open until the login is finished, so the tab can say how it ended.</summary>
    internal sealed class LoopbackCallback : IDisposable
    {
        private readonly TcpClient _connection;

        public LoopbackCallback(TcpClient connection, IReadOnlyDictionary<string, string> query)
        {
            _connection = connection;
            Query = query;
        }

        public IReadOnlyDictionary<string, string> Query { get; }

        public string? Get(string name) => Query.TryGetValue(name, out string? value) ? value : null;

        /// <summary>Answers the browser with a small page; never throws (the tab may be gone).</summary>
        public void Respond(bool succeeded, string message)
        {
            string title = succeeded ? "CasAws: logged in" : "CasAws: login failed";
            string html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"/><title>" + title + "</title></head><body><main><h1 id=\"outcome\">"
                + (succeeded ? "Logged in" : "Login failed") + "</h1><p id=\"detail\">" + WebUtility.HtmlEncode(message)
                + "</p><p>You can close this tab and return to PowerShell.</p></main></body></html>";
            LoopbackRedirectListener.Write(_connection, succeeded ? "200 OK" : "400 Bad Request", html);
        }

        public void Dispose() => _connection.Dispose();
    }

    /// <summary>
    /// Listens on 127.0.0.1 on a port the system picks (RFC 8252's loopback redirect), for the one request
    /// the browser makes to /callback; other requests (a favicon, a probe) get 404 and the wait goes on.
    /// </summary>
    internal sealed class LoopbackRedirectListener : IDisposable
    {
        public const string CallbackPath = "/callback";
        private const int MaxRequestBytes = 16 * 1024;
        private readonly TcpListener _listener;

        public LoopbackRedirectListener()
        {
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            int port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            RedirectUri = new Uri("http://127.0.0.1:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture) + CallbackPath);
        }

        public Uri RedirectUri { get; }

        public async Task<LoopbackCallback> WaitAsync(CancellationToken cancellationToken)
        {
            using (cancellationToken.Register(() => _listener.Stop()))
            {
                while (true)
                {
                    TcpClient connection;
                    try
                    {
                        connection = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                    }
                    catch (Exception) when (cancellationToken.IsCancellationRequested)
                    {
                        throw new OperationCanceledException(cancellationToken);
                    }

                    string? target = await ReadRequestTargetAsync(connection, cancellationToken).ConfigureAwait(false);
                    if (target != null && (target == CallbackPath || target.StartsWith(CallbackPath + "?", StringComparison.Ordinal)))
                    {
                        return new LoopbackCallback(connection, ParseQuery(target.Substring(CallbackPath.Length).TrimStart('?')));
                    }

                    Write(connection, "404 Not Found", "<!DOCTYPE html><title>Not found</title>");
                    connection.Dispose();
                }
            }
        }

        /// <summary>The target of a GET request line, or null for anything else (read with a size and time bound).</summary>
        private static async Task<string?> ReadRequestTargetAsync(TcpClient connection, CancellationToken cancellationToken)
        {
            var buffer = new byte[MaxRequestBytes];
            int filled = 0;
            NetworkStream stream = connection.GetStream();
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                using (timeout.Token.Register(connection.Dispose))
                {
                    try
                    {
                        while (filled < buffer.Length)
                        {
                            int read = await stream.ReadAsync(buffer, filled, buffer.Length - filled, timeout.Token).ConfigureAwait(false);
                            if (read == 0) break;
                            filled += read;
                            if (Encoding.ASCII.GetString(buffer, 0, filled).Contains("\r\n\r\n")) break;
                        }
                    }
                    catch (Exception problem) when (problem is IOException || problem is ObjectDisposedException || problem is OperationCanceledException)
                    {
                        return null;
                    }
                }
            }

            string head = Encoding.ASCII.GetString(buffer, 0, filled);
            int lineEnd = head.IndexOf("\r\n", StringComparison.Ordinal);
            string[] requestLine = (lineEnd < 0 ? head : head.Substring(0, lineEnd)).Split(' ');
            return requestLine.Length == 3 && requestLine[0] == "GET" ? requestLine[1] : null;
        }

        private static Dictionary<string, string> ParseQuery(string query)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string part in query.Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int equals = part.IndexOf('=');
                string name = Decode(equals < 0 ? part : part.Substring(0, equals));
                string value = equals < 0 ? string.Empty : Decode(part.Substring(equals + 1));
                if (!values.ContainsKey(name)) values[name] = value;
            }

            return values;
        }

        private static string Decode(string text)
        {
            try
            {
                return Uri.UnescapeDataString(text.Replace('+', ' '));
            }
            catch (UriFormatException)
            {
                return text;
            }
        }

        internal static void Write(TcpClient connection, string status, string html)
        {
            try
            {
                byte[] body = Encoding.UTF8.GetBytes(html);
                byte[] head = Encoding.ASCII.GetBytes("HTTP/1.1 " + status + "\r\nContent-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\nContent-Length: "
                    + body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\r\n\r\n");
                NetworkStream stream = connection.GetStream();
                stream.Write(head, 0, head.Length);
                stream.Write(body, 0, body.Length);
                stream.Flush();
            }
            catch (Exception problem) when (problem is IOException || problem is ObjectDisposedException || problem is InvalidOperationException || problem is SocketException)
            {
                // the browser tab is gone; the login result stands anyway
            }
        }

        public void Dispose() => _listener.Stop();
    }
}
