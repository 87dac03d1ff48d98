using System;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CasAws.Credentials;
using CasAws.Validation;
using CasAws.Json;

namespace CasAws.Aws
{
    /// <summary>
    /// Turns role credentials into an AWS console sign-in URL with the federation endpoint's two steps:
    /// getSigninToken (a GET carrying the keys as a JSON 'Session'), then a 'login' URL holding the token.
    /// No AWS SDK is involved. The endpoint accepts only AssumeRole (and GetFederationToken) credentials.
    /// </summary>
    internal sealed class ConsoleSignIn
    {
        /// <summary>Cap on the answer read: a sign-in token is about a kilobyte.</summary>
        private const int MaxAnswerBytes = 64 * 1024;

        private readonly HttpClient http;

        public ConsoleSignIn(HttpClient http)
        {
            this.http = http;
        }

        /// <summary>The URL for step 1; it holds the secret key and session token, so it is never shown or logged.</summary>
        /// <param name="sessionDuration">The console session's length (checked by <see cref="ConsoleSessionDuration"/>); null leaves it to the credentials' life.</param>
        public static Uri SigninTokenRequestUrl(Uri federation, CasAwsCredential credential, TimeSpan? sessionDuration = null)
        {
            string session = "{\"sessionId\":" + JsonText.Quote(credential.AccessKey)
                + ",\"sessionKey\":" + JsonText.Quote(credential.SecretKey)
                + ",\"sessionToken\":" + JsonText.Quote(credential.SessionToken) + "}";
            string duration = sessionDuration is TimeSpan length ? "&SessionDuration=" + ConsoleSessionDuration.Seconds(length) : string.Empty;
            return new Uri(WithoutQuery(federation) + "?Action=getSigninToken" + duration + "&Session=" + Uri.EscapeDataString(session));
        }

        /// <summary>
        /// One URL that ends the browser's console session, then follows on to <paramref name="login"/>: the
        /// logout's redirect_uri holds the whole login URL, encoded once more so its own parameters survive.
        /// </summary>
        public static Uri LogoutThenLogin(Uri logout, Uri login) =>
            new Uri(WithoutQuery(logout) + "?Action=logout&redirect_uri=" + Uri.EscapeDataString(login.AbsoluteUri));

        /// <summary>The login URL of step 2. <paramref name="issuer"/> is optional (where the console sends the user when the session ends).</summary>
        public static Uri LoginUrl(Uri federation, string signinToken, Uri destination, Uri? issuer)
        {
            var builder = new StringBuilder(WithoutQuery(federation)).Append("?Action=login");
            if (issuer != null)
            {
                builder.Append("&Issuer=").Append(Uri.EscapeDataString(issuer.AbsoluteUri));
            }

            builder.Append("&Destination=").Append(Uri.EscapeDataString(destination.AbsoluteUri));
            builder.Append("&SigninToken=").Append(Uri.EscapeDataString(signinToken));
            return new Uri(builder.ToString());
        }

        /// <exception cref="FederationException">No token: refused, unexpected answer, network failure or timeout.</exception>
        public async Task<string> GetSigninTokenAsync(Uri federation, CasAwsCredential credential, TimeSpan? sessionDuration, TimeSpan timeout, CancellationToken cancellationToken)
        {
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutSource.CancelAfter(timeout);
            using var request = new HttpRequestMessage(HttpMethod.Get, SigninTokenRequestUrl(federation, credential, sessionDuration));
            request.Headers.Accept.ParseAdd("application/json");
            try
            {
                using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token).ConfigureAwait(false);
                string body = await ReadCappedAsync(response).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    throw new FederationException(FederationFailure.Refused,
                        "The federation endpoint " + federation.Host + " refused the credentials (HTTP " + (int)response.StatusCode + ").",
                        (int)response.StatusCode);
                }

                return ReadSigninToken(body, federation, (int)response.StatusCode);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new FederationException(FederationFailure.Timeout,
                    "The federation endpoint " + federation.Host + " did not answer within " + timeout.TotalSeconds + " s.", null);
            }
            catch (HttpRequestException exception)
            {
                // The message names the host and the failure; it cannot hold the keys (they are in the query, not the host).
                throw new FederationException(FederationFailure.Network,
                    "Could not reach the federation endpoint " + federation.Host + ": " + Describe(exception), null);
            }
        }

        /// <summary>The SigninToken of a 200 answer, read by the platform's JSON reader and checked against its shape.</summary>
        /// <exception cref="FederationException">Anything else: never a parser's own exception, whatever the body.</exception>
        internal static string ReadSigninToken(string body, Uri federation, int status)
        {
            string? token = JsonText.ReadStringField(body, "SigninToken");
            if (token is null || token.Length == 0)
            {
                throw new FederationException(FederationFailure.UnexpectedAnswer,
                    "The federation endpoint " + federation.Host + " answered without a readable SigninToken: is '" + WithoutQuery(federation) + "' an AWS federation endpoint?",
                    status);
            }

            string? problem = ServerValues.Problem(ServerValueKind.SigninToken, token);
            if (problem != null)
            {
                throw new FederationException(FederationFailure.MalformedValue,
                    "The federation endpoint " + federation.Host + " answered with a SigninToken that " + problem, status);
            }

            return token;
        }

        private static async Task<string> ReadCappedAsync(HttpResponseMessage response)
        {
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var buffer = new byte[MaxAnswerBytes];
            int total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer, total, buffer.Length - total).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return Encoding.UTF8.GetString(buffer, 0, total);
        }

        private static string WithoutQuery(Uri url) => url.GetLeftPart(UriPartial.Path);

        internal static string Describe(Exception exception)
        {
            Exception deepest = exception;
            while (deepest.InnerException != null)
            {
                deepest = deepest.InnerException;
            }

            return deepest.Message;
        }
    }
}
