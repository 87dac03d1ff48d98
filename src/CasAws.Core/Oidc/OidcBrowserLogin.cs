using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CasAws.Browser;
using CasAws.Cas;
using CasAws.Errors;
using CasAws.Validation;

namespace CasAws.Oidc
{
    /// <summary>
    /// One authorization-code login in the user's browser: PKCE S256, state and nonce made here, the code
    /// redeemed as a public client. The browser gets a one-time loopback page that redirects to the
    /// authorization URL (<see cref="StartListening"/>), or, for a browser on another computer, the URL
    /// itself and the user pastes back where it ended (<see cref="StartForPaste"/>). Either way only the
    /// redirect with this login's state, the issuer's iss where it sends one, and (when known) the
    /// expected user's id_token are accepted.
    /// </summary>
    internal sealed class OidcBrowserLogin : IDisposable
    {
        private readonly CasConnectionSettings _settings;
        private readonly OidcProviderEndpoints _endpoints;
        private readonly string _clientId;
        private readonly string _scope;
        private readonly string? _expectedUser;
        private readonly string _state = Unguessable.New();
        private readonly string _nonce = Unguessable.New();
        private readonly string _codeVerifier = Unguessable.New();
        private LoopbackPageServer? _server;
        private Uri? _redirectUri;

        public OidcBrowserLogin(CasConnectionSettings settings, OidcProviderEndpoints endpoints, string clientId, string scope, string? expectedUser)
        {
            _settings = settings;
            _endpoints = endpoints;
            _clientId = clientId;
            _scope = scope;
            _expectedUser = string.IsNullOrEmpty(expectedUser) ? null : expectedUser;
        }

        /// <summary>Starts the loopback server on <paramref name="port"/> (0: any free one) and returns the one-time page for the browser.</summary>
        public Uri StartListening(int port)
        {
            _server = StartServer(port);
            _redirectUri = _server.CallbackAddress;
            _server.Publish(AuthorizationUrl(), request => Unguessable.Equal(request.Get("state"), _state));
            return _server.PageAddress;
        }

        /// <summary>
        /// For a browser on another computer: the authorization URL itself (shown on the user's terminal only,
        /// never on a command line), redirecting to 127.0.0.1 at <paramref name="port"/>, where nothing here listens.
        /// </summary>
        public Uri StartForPaste(int port)
        {
            _redirectUri = new Uri("http://127.0.0.1:" + (port != 0 ? port : FreePort()).ToString(System.Globalization.CultureInfo.InvariantCulture) + LoopbackPageServer.CallbackPath);
            return AuthorizationUrl();
        }

        /// <summary>Waits for the redirect (bounded by <paramref name="wait"/>), checks it, redeems the code.</summary>
        public async Task<OidcTokenAnswer> CompleteAsync(TimeSpan wait, CancellationToken cancellationToken)
        {
            LoopbackPageServer server = _server ?? throw new InvalidOperationException("StartListening first.");
            using (server)
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                Task<LoopbackCallback> callback = server.Callback;
                Task<LoopbackInterference> interference = server.Interference;
                Task finished = await Task.WhenAny(callback, interference, Task.Delay(wait, timeout.Token)).ConfigureAwait(false);
                timeout.Cancel();
                cancellationToken.ThrowIfCancellationRequested();
                if (finished == interference) throw Interfered(interference.Result);
                if (finished != callback)
                {
                    throw new CasAwsException(ErrorIds.OidcLoginTimeout, CasAwsErrorKind.OperationTimeout, _endpoints.IssuerText,
                        $"The browser login at {_endpoints.IssuerText} did not finish within {wait.TotalSeconds:0} s (closed tab, denied or unanswered Duo push?). Run Connect-CasAws -OpenIdConnect again, or allow more time with -TimeoutSec.");
                }

                server.Dispose(); // one redirect per login: nothing more is accepted
                using (LoopbackCallback answered = callback.Result)
                {
                    try
                    {
                        OidcTokenAnswer answer = await RedeemAsync(answered.Request.Query, cancellationToken).ConfigureAwait(false);
                        answered.Respond(true, "CasAws received your CAS login for " + answer.Claims.UserName + ".");
                        return answer;
                    }
                    catch (CasAwsException failure)
                    {
                        answered.Respond(false, failure.Message);
                        throw;
                    }
                }
            }
        }

        /// <summary>Checks and redeems the address the browser ended on, pasted by the user.</summary>
        public Task<OidcTokenAnswer> CompletePastedAsync(string pasted, CancellationToken cancellationToken)
        {
            if (_redirectUri == null) throw new InvalidOperationException("StartForPaste first.");
            string text = pasted.Trim();
            if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? url)
                || !string.Equals(url.GetLeftPart(UriPartial.Path), _redirectUri.AbsoluteUri, StringComparison.OrdinalIgnoreCase))
            {
                throw new CasAwsException(ErrorIds.OidcPastedUrlInvalid, CasAwsErrorKind.InvalidArgument, null,
                    "That is not the address the browser ended on: paste the whole address from the browser's address bar, starting with " + _redirectUri.AbsoluteUri + "?");
            }

            return RedeemAsync(LoopbackRequest.ParseQuery(url.Query), cancellationToken);
        }

        private Uri AuthorizationUrl()
        {
            string challenge;
            using (SHA256 sha = SHA256.Create())
            {
                challenge = IdTokenClaims.Base64UrlEncode(sha.ComputeHash(Encoding.ASCII.GetBytes(_codeVerifier)));
            }

            var query = new StringBuilder();
            Append(query, "response_type", "code");
            Append(query, "client_id", _clientId);
            Append(query, "redirect_uri", _redirectUri!.AbsoluteUri);
            Append(query, "scope", _scope);
            Append(query, "state", _state);
            Append(query, "nonce", _nonce);
            Append(query, "code_challenge", challenge);
            Append(query, "code_challenge_method", "S256");
            if (_expectedUser != null) Append(query, "login_hint", _expectedUser);
            var builder = new UriBuilder(_endpoints.Authorization);
            string existing = builder.Query.TrimStart('?');
            builder.Query = existing.Length == 0 ? query.ToString() : existing + "&" + query;
            return builder.Uri;
        }

        private async Task<OidcTokenAnswer> RedeemAsync(IReadOnlyDictionary<string, string> redirect, CancellationToken cancellationToken)
        {
            if (!Unguessable.Equal(Get(redirect, "state"), _state))
            {
                throw new CasAwsException(ErrorIds.OidcStateMismatch, CasAwsErrorKind.SecurityError, _endpoints.IssuerText,
                    "The browser came back with a state this login did not send, so it is not the login CasAws started (a stale tab, or a forged request). Nothing was accepted; run Connect-CasAws -OpenIdConnect again.");
            }

            // RFC 9207: the issuer names itself in the redirect, so a code from another provider (a mix-up) is refused.
            string? iss = Get(redirect, "iss");
            if (iss != null ? !string.Equals(iss.TrimEnd('/'), _endpoints.IssuerText, StringComparison.Ordinal) : _endpoints.IssuerInRedirect)
            {
                throw new CasAwsException(ErrorIds.OidcIssuerMismatch, CasAwsErrorKind.SecurityError, _endpoints.IssuerText,
                    "The browser came back " + (iss == null ? "without the issuer, which " + _endpoints.IssuerText + " always sends" : "from the issuer '" + TerminalText.Visible(iss) + "', not " + _endpoints.IssuerText)
                    + " (RFC 9207), so the login code may be another server's. Nothing was accepted; run Connect-CasAws -OpenIdConnect again.");
            }

            string? error = Get(redirect, "error");
            if (error != null)
            {
                string shown = System.Text.RegularExpressions.Regex.IsMatch(error, "^[A-Za-z0-9_.-]{1,64}$") ? error : "an unreadable error";
                throw new CasAwsException(ErrorIds.OidcAuthorizationRefused, CasAwsErrorKind.AuthenticationError, _endpoints.IssuerText,
                    "CAS ended the login with '" + shown + "'. " + (shown == "access_denied"
                        ? "Consent was refused or the account may not use this application; ask the CAS administrator about client id '" + _clientId + "'."
                        : "Ask the CAS administrator to check the OIDC service for client id '" + _clientId + "' (scopes openid, response type code, PKCE)."));
            }

            string? code = Get(redirect, "code");
            if (string.IsNullOrEmpty(code))
            {
                throw new CasAwsException(ErrorIds.OidcAuthorizationRefused, CasAwsErrorKind.InvalidResult, _endpoints.IssuerText,
                    "The browser came back without a login code. Run Connect-CasAws -OpenIdConnect again.");
            }

            OidcTokenAnswer answer = await OidcTokenClient.RedeemCodeAsync(_settings, _endpoints, _clientId, code!, _codeVerifier, _redirectUri!, _nonce, cancellationToken).ConfigureAwait(false);
            if (_expectedUser != null && !string.Equals(answer.Claims.UserName, _expectedUser, StringComparison.OrdinalIgnoreCase))
            {
                throw new CasAwsException(ErrorIds.OidcUnexpectedUser, CasAwsErrorKind.SecurityError, _endpoints.IssuerText,
                    "The browser login is for '" + TerminalText.Visible(answer.Claims.UserName) + "', not for '" + TerminalText.Visible(_expectedUser)
                    + "', so it was not accepted (another CAS session in the browser, or another local process answered the login). Log out of CAS in the browser and run the command again, or pass -UserName with the user you mean.");
            }

            return answer;
        }

        private CasAwsException Interfered(LoopbackInterference what) =>
            new CasAwsException(ErrorIds.OidcLoginInterference, CasAwsErrorKind.SecurityError, _endpoints.IssuerText,
                "Another process on this computer interfered with the browser login, so CasAws abandoned it and accepted nothing: "
                + (what == LoopbackInterference.AnotherUser
                    ? "another local user connected to the login's page on 127.0.0.1."
                    : what == LoopbackInterference.PageFetchedTwice
                        ? "the one-time login page was opened twice (the browser's command line, which every local user can read, named it)."
                        : "the login came back from a program other than the browser that opened the login page.")
                + " Run Connect-CasAws -OpenIdConnect again; if it happens again, tell your administrator.");

        private static LoopbackPageServer StartServer(int port)
        {
            try
            {
                return LoopbackPageServer.Start(port);
            }
            catch (SocketException problem)
            {
                throw new CasAwsException(ErrorIds.OidcRedirectPortInUse, CasAwsErrorKind.ResourceUnavailable, port,
                    "Cannot listen for the login on 127.0.0.1 port " + port.ToString(System.Globalization.CultureInfo.InvariantCulture) + " (" + problem.Message.TrimEnd('.') + "). Pick another -RedirectPort, or leave it out for any free port.", problem);
            }
        }

        private static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        private static string? Get(IReadOnlyDictionary<string, string> query, string name) => query.TryGetValue(name, out string? value) ? value : null;

        private static void Append(StringBuilder query, string name, string value)
        {
            if (query.Length > 0) query.Append('&');
            query.Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        public void Dispose() => _server?.Dispose();
    }
}
