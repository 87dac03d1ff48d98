using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CasAws.Net
{
    /// <summary>
    /// The one way CasAws reads an answer body from CAS, an OpenID Connect provider or STS: at most a cap
    /// of bytes (a server or proxy that sends gigabytes fills no memory), under the caller's timeout and
    /// Ctrl+C token (a body that stalls after its headers does not hang the command), with the buffer wiped.
    /// </summary>
    internal static class BoundedHttpReader
    {
        public static async Task<CappedBody> ReadAsync(HttpContent? content, int maxBytes, CancellationToken cancellationToken)
        {
            if (content == null) return new CappedBody(string.Empty, false);
            using (Stream stream = await content.ReadAsStreamAsync().ConfigureAwait(false))
            using (cancellationToken.Register(stream.Dispose))
            {
                byte[] buffer = new byte[maxBytes + 1];
                int total = 0;
                try
                {
                    while (total < buffer.Length)
                    {
                        int read = await stream.ReadAsync(buffer, total, buffer.Length - total, cancellationToken).ConfigureAwait(false);
                        if (read == 0) break;
                        total += read;
                    }
                }
                catch (Exception closed) when ((closed is ObjectDisposedException || closed is IOException) && cancellationToken.IsCancellationRequested)
                {
                    // Some streams ignore the token; disposing them on cancellation ends the read.
                    throw new OperationCanceledException(cancellationToken);
                }

                bool truncated = total > maxBytes;
                string text = Encoding.UTF8.GetString(buffer, 0, Math.Min(total, maxBytes));
                Array.Clear(buffer, 0, total);
                return new CappedBody(text, truncated);
            }
        }
    }

    /// <summary>An answer body read by <see cref="BoundedHttpReader"/>: its text, and whether more was sent than the cap.</summary>
    internal readonly struct CappedBody
    {
        public CappedBody(string text, bool truncated)
        {
            Text = text;
            Truncated = truncated;
        }

        public string Text { get; }

        public bool Truncated { get; }
    }
}
