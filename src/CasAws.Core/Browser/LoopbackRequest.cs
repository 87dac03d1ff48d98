using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CasAws.Browser
{
    /// <summary>The head of one HTTP request to the loopback server: method, path, query and cookies, read within a size and time bound.</summary>
    internal sealed class LoopbackRequest
    {
        private const int MaxHeadBytes = 16 * 1024;

        private LoopbackRequest(string method, string path, IReadOnlyDictionary<string, string> query, IReadOnlyDictionary<string, string> cookies, string? authorization)
        {
            Method = method;
            Path = path;
            Query = query;
            Cookies = cookies;
            Authorization = authorization;
        }

        public string Method { get; }

        /// <summary>The request target without its query.</summary>
        public string Path { get; }

        public IReadOnlyDictionary<string, string> Query { get; }

        public IReadOnlyDictionary<string, string> Cookies { get; }

        /// <summary>The Authorization header's value as sent (the first one), or null.</summary>
        public string? Authorization { get; }

        public string? Get(string name) => Query.TryGetValue(name, out string? value) ? value : null;

        /// <summary>
        /// The request on <paramref name="stream"/>, or null when it is not a complete request head within
        /// <paramref name="bound"/> (an idle or slow connection, a flood of bytes): the caller then just closes it.
        /// </summary>
        public static async Task<LoopbackRequest?> ReadAsync(NetworkStream stream, TimeSpan bound, CancellationToken cancellationToken)
        {
            var buffer = new byte[MaxHeadBytes];
            int filled = 0;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(bound);
                using (timeout.Token.Register(stream.Dispose))
                {
                    try
                    {
                        while (filled < buffer.Length)
                        {
                            int read = await stream.ReadAsync(buffer, filled, buffer.Length - filled, timeout.Token).ConfigureAwait(false);
                            if (read == 0) return null;
                            filled += read;
                            string head = Encoding.ASCII.GetString(buffer, 0, filled);
                            int end = head.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                            if (end >= 0) return Parse(head.Substring(0, end));
                        }
                    }
                    catch (Exception problem) when (problem is IOException || problem is ObjectDisposedException || problem is OperationCanceledException || problem is SocketException)
                    {
                        return null;
                    }
                }
            }

            return null;
        }

        internal static LoopbackRequest? Parse(string head)
        {
            string[] lines = head.Split(new[] { "\r\n" }, StringSplitOptions.None);
            string[] requestLine = lines[0].Split(' ');
            if (requestLine.Length != 3 || !requestLine[2].StartsWith("HTTP/1.", StringComparison.Ordinal)) return null;
            string target = requestLine[1];
            int question = target.IndexOf('?');
            string path = question < 0 ? target : target.Substring(0, question);
            var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
            string? authorization = null;
            for (int i = 1; i < lines.Length; i++)
            {
                if (authorization == null && lines[i].StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase))
                {
                    authorization = lines[i].Substring("Authorization:".Length).Trim();
                }
                else if (lines[i].StartsWith("Cookie:", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (string pair in lines[i].Substring("Cookie:".Length).Split(';'))
                    {
                        int equals = pair.IndexOf('=');
                        if (equals > 0) cookies[pair.Substring(0, equals).Trim()] = pair.Substring(equals + 1).Trim();
                    }
                }
            }

            return new LoopbackRequest(requestLine[0], path, ParseQuery(question < 0 ? string.Empty : target.Substring(question + 1)), cookies, authorization);
        }

        /// <summary>A query string's parameters (the first of repeated names wins), percent- and plus-decoded.</summary>
        public static Dictionary<string, string> ParseQuery(string query)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string part in query.TrimStart('?').Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
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
    }
}
