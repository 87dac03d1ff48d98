using System;
using System.Collections.Generic;
using CasAws.Errors;
using CasAws.Net;

namespace CasAws.Oidc
{
    /// <summary>
    /// One OpenID Connect browser login, start to end: the issuer (CAS's default {Server}/oidc, https only),
    /// discovery, the authorization code with PKCE through the loopback page (<see cref="IOidcBrowser"/>) or the
    /// pasted redirect (<see cref="IOidcRedirectPrompt"/>), the token call and its id_token checks
    /// (<see cref="OidcBrowserLogin"/>), and userinfo when the id_token lacks the role claim. Each network step
    /// runs through <see cref="IOidcLoginWait"/>, which shows the wait and carries Ctrl+C; every call to CAS is
    /// bounded by the connection's timeout and size cap (<see cref="OidcHttp"/>), the browser by
    /// <see cref="OidcLoginRequest.BrowserWait"/>.
    /// </summary>
    internal sealed class OidcLoginService
    {
        public const string DiscoveryStatus = "Reading the OpenID Connect configuration";
        public const string BrowserStatus = "Waiting for the login in the browser (Ctrl+C to stop)";
        public const string RedeemStatus = "Redeeming the login code";
        public const string UserInfoStatus = "Reading the user's claims";

        private readonly IOidcBrowser _browser;
        private readonly IOidcRedirectPrompt _prompt;
        private readonly IOidcLoginWait _wait;

        public OidcLoginService(IOidcBrowser browser, IOidcRedirectPrompt prompt, IOidcLoginWait wait)
        {
            _browser = browser;
            _prompt = prompt;
            _wait = wait;
        }

        /// <summary>The login's result or its error; a cancelled wait throws <see cref="OperationCanceledException"/>.</summary>
        public OidcLoginResult Login(OidcLoginRequest request)
        {
            try
            {
                return OidcLoginResult.Success(Run(request, out IReadOnlyList<string> roles), roles);
            }
            catch (CasAwsException failure)
            {
                return OidcLoginResult.Failure(failure);
            }
        }

        /// <summary>CAS's default issuer for a server: {Server}/oidc (cas.authn.oidc.core.issuer as CAS ships it).</summary>
        public static Uri DefaultIssuer(Uri server) => new Uri(server.AbsoluteUri.TrimEnd('/') + "/oidc");

        /// <summary>The issuer a login at <paramref name="server"/> uses: <paramref name="given"/>, else CAS's default {Server}/oidc; https only, as AWS requires.</summary>
        /// <exception cref="CasAwsException">The issuer is not https (plain http only on this computer) or holds a user name.</exception>
        public static Uri IssuerFor(Uri server, Uri? given)
        {
            Uri issuer = given ?? DefaultIssuer(server);
            UrlVerdict verdict = UrlPolicy.Check(issuer);
            if (!UrlPolicy.IsAccepted(verdict))
            {
                string shown = UrlPolicy.Display(issuer.OriginalString);
                throw new CasAwsException(verdict == UrlVerdict.HasUserInfo ? ErrorIds.ServerUrlHasUserInfo : ErrorIds.InsecureServerUrl, CasAwsErrorKind.SecurityError, shown,
                    UrlPolicy.Problem(verdict, "The OpenID Connect issuer (-Issuer)", shown, "https://sso.example.org/cas/oidc")! + " AWS accepts only https issuers.");
            }

            return issuer;
        }

        private OidcIdentity Run(OidcLoginRequest request, out IReadOnlyList<string> roles)
        {
            Uri issuer = IssuerFor(request.Settings.Server, request.Issuer);
            OidcProviderEndpoints endpoints = _wait.Wait(token => OidcDiscovery.DiscoverAsync(request.Settings, issuer, token), DiscoveryStatus);
            OidcTokenAnswer answer;
            using (var login = new OidcBrowserLogin(request.Settings, endpoints, request.ClientId, request.Scope, request.ExpectedUser))
            {
                if (request.PastedRedirect)
                {
                    string pasted = _prompt.AskForRedirect(login.StartForPaste(request.RedirectPort));
                    if (pasted.Trim().Length == 0)
                    {
                        throw new CasAwsException(ErrorIds.OidcPastedUrlInvalid, CasAwsErrorKind.InvalidArgument, request.Settings.ServerName,
                            "Nothing was pasted, so the login was not finished. Run the command again and paste the address the browser ended on.");
                    }

                    answer = _wait.Wait(token => login.CompletePastedAsync(pasted, token), RedeemStatus);
                }
                else
                {
                    _browser.Open(login.StartListening(request.RedirectPort));
                    answer = _wait.Wait(token => login.CompleteAsync(request.BrowserWait, token), BrowserStatus);
                }
            }

            var identity = new OidcIdentity(endpoints, request.ClientId, answer.IdToken, answer.Claims, answer.AccessToken, answer.RefreshToken);
            string? accessToken = identity.AccessToken;
            if (identity.Claims.Values(request.RoleClaim) == null && accessToken != null)
            {
                identity.UserInfo = _wait.Wait(token => OidcTokenClient.UserInfoAsync(request.Settings, endpoints, accessToken, identity.Claims.Subject, token), UserInfoStatus);
            }

            roles = OidcRoles.From(identity, request.RoleClaim);
            return identity;
        }
    }
}
