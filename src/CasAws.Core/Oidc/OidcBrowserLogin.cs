using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CasAws.Cas;
using CasAws.Errors;

namespace CasAws.Oidc
{
    /// <summary>
    /// One authorization-code login in the user's browser: PKCE S256, state and nonce made here, a loopback
    /// listener for the redirect, then the code redeemed as a public client. <see cref="Start"/> gives the URL
    /// to open; <see cref="CompleteAsync"/> waits for the browser and returns the checked tokens.
    /// </summary>
    internal sealed class OidcBrowserLogin : IDisposable
    {
        private readonly CasConnectionSettings _settings;
        private readonly OidcProviderEndpoints _endpoints;
        private readonly string _clientId;
        private readonly string _scope;
        private readonly string _state = RandomValue();
        private readonly string _nonce = RandomValue();
        private readonly string _codeVerifier = RandomValue();
        private LoopbackRedirectListener? _listener;

        public OidcBrowserLogin(CasConnectionSettings settings, OidcProviderEndpoints endpoints, string clientId, string scope)
        {
            _settings = settings;
            _endpoints = endpoints;
            _clientId = clientId;
            _scope = scope;
        }

        /// <summary>Starts the listener and returns the authorization URL for the browser (it holds no secret).</summary>
        public Uri Start()
        {
            _listener = new LoopbackRedirectListener();
            string challenge;
            using (SHA256 sha = SHA256.Create())
            {
                challenge = IdTokenClaims.Base64UrlEncode(sha.ComputeHash(Encoding.ASCII.GetBytes(_codeVerifier)));
            }

            var query = new StringBuilder();
            Append(query, "response_type", "code");
            Append(query, "client_id", _clientId);
            Append(query, "redirect_uri", _listener.RedirectUri.AbsoluteUri);
            Append(query, "scope", _scope);
            Append(query, "state", _state);
            Append(query, "nonce", _nonce);
            Append(query, "code_challenge", challenge);
            Append(query, "code_challenge_method", "S256");
            var builder = new UriBuilder(_endpoints.Authorization);
            string existing = builder.Query.TrimStart('?');
            builder.Query = existing.Length == 0 ? query.ToString() : existing + "&" + query;
            return builder.Uri;
        }

        /// <summary>Waits for the redirect (bounded by <paramref name="wait"/>), checks it, redeems the code.</summary>
        public async Task<OidcTokenAnswer> CompleteAsync(TimeSpan wait, CancellationToken cancellationToken)
        {
            LoopbackRedirectListener listener = _listener ?? throw new InvalidOperationException("Start first.");
            LoopbackCallback callback;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(wait);
                try
                {
                    callback = await listener.WaitAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new CasAwsException(ErrorIds.OidcLoginTimeout, CasAwsErrorKind.OperationTimeout, _endpoints.IssuerText,
                        $"The browser login at {_endpoints.IssuerText} did not finish within {wait.TotalSeconds:0} s (closed tab, denied or unanswered Duo push?). Run Connect-CasAws -OpenIdConnect again, or allow more time with -TimeoutSec.");
                }
            }

            using (callback)
            {
                listener.Dispose(); // one redirect per login
                try
                {
                    OidcTokenAnswer answer = await RedeemAsync(callback, cancellationToken).ConfigureAwait(false);
                    callback.Respond(true, "CasAws received your CAS login for " + answer.Claims.UserName + ".");
                    return answer;
                }
                catch (CasAwsException failure)
                {
                    callback.Respond(false, failure.Message);
                    throw;
                }
            }
        }

        private Task<OidcTokenAnswer> RedeemAsync(LoopbackCallback callback, CancellationToken cancellationToken)
        {
            if (!FixedTimeEquals(callback.Get("state"), _state))
            {
                throw new CasAwsException(ErrorIds.OidcStateMismatch, CasAwsErrorKind.SecurityError, _endpoints.IssuerText,
                    "The browser came back with a state this login did not send, so it is not the login CasAws started (a stale tab, or a forged request). Nothing was accepted; run Connect-CasAws -OpenIdConnect again.");
            }

            string? error = callback.Get("error");
            if (error != null)
            {
                string shown = System.Text.RegularExpressions.Regex.IsMatch(error, "^[A-Za-z0-9_.-]{1,64}$") ? error : "an unreadable error";
                throw new CasAwsException(ErrorIds.OidcAuthorizationRefused, CasAwsErrorKind.AuthenticationError, _endpoints.IssuerText,
                    "CAS ended the login with '" + shown + "'. " + (shown == "access_denied"
                        ? "Consent was refused or the account may not use this application; ask the CAS administrator about client id '" + _clientId + "'."
                        : "Ask the CAS administrator to check the OIDC service for client id '" + _clientId + "' (scopes openid, response type code, PKCE)."));
            }

            string? code = callback.Get("code");
            if (string.IsNullOrEmpty(code))
            {
                throw new CasAwsException(ErrorIds.OidcAuthorizationRefused, CasAwsErrorKind.InvalidResult, _endpoints.IssuerText,
                    "The browser came back without a login code. Run Connect-CasAws -OpenIdConnect again.");
            }

            return OidcTokenClient.RedeemCodeAsync(_settings, _endpoints, _clientId, code!, _codeVerifier, _listener!.RedirectUri, _nonce, cancellationToken);
        }

        private static void Append(StringBuilder query, string name, string value)
        {
            if (query.Length > 0) query.Append('&');
            query.Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        private static string RandomValue()
        {
            var bytes = new byte[32];
            using (RandomNumberGenerator random = RandomNumberGenerator.Create())
            {
                random.GetBytes(bytes);
            }

            return IdTokenClaims.Base64UrlEncode(bytes);
        }

        private static bool FixedTimeEquals(string? received, string expected)
        {
            if (received == null || received.Length != expected.Length) return false;
            int difference = 0;
            for (int i = 0; i < expected.Length; i++) difference |= received[i] ^ expected[i];
            return difference == 0;
        }

        public void Dispose() => _listener?.Dispose();
    }
}
