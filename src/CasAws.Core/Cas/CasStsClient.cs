using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CasAws.Net;

namespace CasAws.Cas
{
    /// <summary>
    /// Sends one request to CAS's awsSts endpoint and returns what came back as a <see cref="CasAnswer"/>.
    /// Never retries: every call is a login and, for MFA users, one Duo push.
    /// </summary>
    internal sealed class CasStsClient
    {
        /// <summary>A success answer is well under 4 KB; anything past this is not read.</summary>
        public const int MaxBodyBytes = 64 * 1024;

        private readonly HttpClient _http;

        public CasStsClient(CasConnectionSettings settings)
            : this(settings, HttpClientPool.Get(settings, settings.EndpointUri))
        {
        }

        internal CasStsClient(CasConnectionSettings settings, HttpClient http)
        {
            Settings = settings;
            _http = http;
        }

        public CasConnectionSettings Settings { get; }

        /// <summary>
        /// Sends the request. Cancelling <paramref name="cancellationToken"/> (Ctrl+C) aborts it at once
        /// and throws OperationCanceledException; the timeout ends it as <see cref="CasAnswerKind.Timeout"/>.
        /// </summary>
        public async Task<CasAnswer> SendAsync(CasRequest request, CancellationToken cancellationToken)
        {
            byte[] form = request.EncodeForm();
            try
            {
                using (var content = new ByteArrayContent(form))
                using (var message = new HttpRequestMessage(HttpMethod.Post, Settings.EndpointUri) { Content = content })
                {
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = "UTF-8" };
                    message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
                    CasAnswer? answer = await ExchangeAsync(message, async (response, sentAtUtc, token) =>
                    {
                        CappedBody body = await BoundedHttpReader.ReadAsync(response.Content, MaxBodyBytes, token).ConfigureAwait(false);
                        string? mediaType = response.Content?.Headers.ContentType?.MediaType;
                        return CasResponseClassifier.Classify((int)response.StatusCode, mediaType, body.Text, body.Truncated, sentAtUtc);
                    }, cancellationToken).ConfigureAwait(false);
                    return answer!;
                }
            }
            finally
            {
                Array.Clear(form, 0, form.Length);
            }
        }

        /// <summary>
        /// Opens a connection to the endpoint without logging in: a GET with no form, which CAS answers
        /// without a login or a Duo push. Returns null when the server answered at all (any status), else the
        /// transport failure (TLS, proxy, name, refused, timeout), so it is found before a password is asked for.
        /// </summary>
        public async Task<CasAnswer?> CheckConnectionAsync(CancellationToken cancellationToken)
        {
            using (var message = new HttpRequestMessage(HttpMethod.Get, Settings.EndpointUri))
            {
                return await ExchangeAsync(message, (response, sentAtUtc, token) => Task.FromResult<CasAnswer?>(null), cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Sends <paramref name="message"/> within the connection's timeout and reads the answer with
        /// <paramref name="read"/>; a timeout or a TLS, proxy or network failure becomes its <see cref="CasAnswer"/>.
        /// </summary>
        private async Task<CasAnswer?> ExchangeAsync(HttpRequestMessage message, Func<HttpResponseMessage, DateTime, CancellationToken, Task<CasAnswer?>> read,
            CancellationToken cancellationToken)
        {
            DateTime sentAtUtc = DateTime.UtcNow;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(Settings.Timeout);
                try
                {
                    sentAtUtc = DateTime.UtcNow;
                    using (HttpResponseMessage response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false))
                    {
                        return await read(response, sentAtUtc, timeout.Token).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return CasAnswer.Failure(CasAnswerKind.Timeout, sentAtUtc, null, null);
                }
                catch (HttpRequestException exception)
                {
                    return ClassifyTransportFailure(exception, sentAtUtc, Settings.ProxyFor(Settings.EndpointUri));
                }
                catch (IOException exception) when (!cancellationToken.IsCancellationRequested)
                {
                    return CasAnswer.Failure(CasAnswerKind.NetworkFailure, sentAtUtc, null, exception.Message);
                }
            }
        }

        /// <param name="proxy">The proxy the request went through, or null when it went direct.</param>
        internal static CasAnswer ClassifyTransportFailure(HttpRequestException exception, DateTime sentAtUtc, Uri? proxy = null)
        {
            for (Exception? inner = exception; inner != null; inner = inner.InnerException)
            {
                // TLS runs inside the proxy's tunnel, with the server itself: a certificate problem is the server's.
                if (inner is AuthenticationException)
                    return CasAnswer.Failure(CasAnswerKind.CertificateUntrusted, sentAtUtc, null, inner.Message);
                if (proxy != null && (inner is SocketException || IsProxyTunnelFailure(exception)))
                {
                    // Through a proxy, the only connection this process opens is the one to the proxy.
                    return CasAnswer.Failure(CasAnswerKind.ProxyFailure, sentAtUtc, null, TransportSettings.Describe(proxy) + ": " + WithoutUserInfo(inner.Message));
                }

                if (inner is SocketException socket)
                {
                    switch (socket.SocketErrorCode)
                    {
                        case SocketError.ConnectionRefused:
                            return CasAnswer.Failure(CasAnswerKind.ConnectionRefused, sentAtUtc, null, socket.Message);
                        case SocketError.HostNotFound:
                        case SocketError.NoData:
                        case SocketError.TryAgain:
                            return CasAnswer.Failure(CasAnswerKind.UnknownHost, sentAtUtc, null, socket.Message);
                    }
                }
            }

            return CasAnswer.Failure(CasAnswerKind.NetworkFailure, sentAtUtc, null, WithoutUserInfo(exception.Message));
        }

        private static bool IsProxyTunnelFailure(HttpRequestException exception)
        {
#if NET8_0_OR_GREATER
            return exception.HttpRequestError == HttpRequestError.ProxyTunnelError;
#else
            return exception.Message.IndexOf("proxy", StringComparison.OrdinalIgnoreCase) >= 0;
#endif
        }

        /// <summary>A system proxy URL (HTTPS_PROXY) may carry a password: messages never repeat it.</summary>
        internal static string WithoutUserInfo(string message) =>
            System.Text.RegularExpressions.Regex.Replace(message, @"(?<=://)[^/@\s'""]+@", string.Empty);
    }
}
