using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using CasAws.Cas;
using CasAws.Errors;
using CasAws.Json;

namespace CasAws.Oidc
{
    /// <summary>What the token endpoint answered: the tokens, and the id_token's claims.</summary>
    internal sealed class OidcTokenAnswer
    {
        public OidcTokenAnswer(string idToken, IdTokenClaims claims, string? accessToken, string? refreshToken)
        {
            IdToken = idToken;
            Claims = claims;
            AccessToken = accessToken;
            RefreshToken = refreshToken;
        }

        public string IdToken { get; }

        public IdTokenClaims Claims { get; }

        public string? AccessToken { get; }

        public string? RefreshToken { get; }
    }

    /// <summary>
    /// The token endpoint as a public client (client_id, no secret): redeeming a code with its PKCE verifier,
    /// and a refresh token for a new id_token; plus userinfo with the access token. Error texts name CAS's
    /// error code only, never a token or code.
    /// </summary>
    internal static class OidcTokenClient
    {
        private static readonly Regex SafeErrorCode = new Regex("^[A-Za-z0-9_.-]{1,64}$", RegexOptions.CultureInvariant);

        public static Task<OidcTokenAnswer> RedeemCodeAsync(CasConnectionSettings settings, OidcProviderEndpoints endpoints, string clientId,
            string code, string codeVerifier, Uri redirectUri, string nonce, CancellationToken cancellationToken) =>
            RequestAsync(settings, endpoints, clientId, new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = redirectUri.AbsoluteUri,
                ["client_id"] = clientId,
                ["code_verifier"] = codeVerifier,
            }, nonce, "token", cancellationToken);

        public static Task<OidcTokenAnswer> RefreshAsync(CasConnectionSettings settings, OidcProviderEndpoints endpoints, string clientId,
            string refreshToken, CancellationToken cancellationToken) =>
            RequestAsync(settings, endpoints, clientId, new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = clientId,
            }, null, "refresh", cancellationToken);

        /// <summary>The userinfo claims, when the endpoint answers them for <paramref name="subject"/> (the id_token's sub); null when it has none.</summary>
        public static async Task<IReadOnlyDictionary<string, object?>?> UserInfoAsync(CasConnectionSettings settings, OidcProviderEndpoints endpoints, string accessToken, string subject, CancellationToken cancellationToken)
        {
            if (endpoints.UserInfo == null) return null;
            using (var request = new HttpRequestMessage(HttpMethod.Get, endpoints.UserInfo))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
                request.Headers.Accept.ParseAdd("application/json");
                (int status, string body) = await OidcHttp.SendAsync(settings, request, "userinfo", cancellationToken).ConfigureAwait(false);
                if (status != 200) return null;
                IReadOnlyDictionary<string, object?> claims;
                try
                {
                    claims = PlatformJson.ParseObject(body);
                }
                catch (FormatException problem)
                {
                    throw OidcHttp.Unexpected(request, "userinfo", problem.Message.TrimEnd('.'));
                }

                // OpenID Connect Core 5.3.2: userinfo is about the id_token's user only when its sub is the same.
                if (!string.Equals(JsonText.Text(claims, "sub"), subject, StringComparison.Ordinal))
                {
                    throw OidcHttp.Unexpected(request, "userinfo", "it describes another user than the id_token (its sub differs), so none of its claims were used");
                }

                return claims;
            }
        }

        private static async Task<OidcTokenAnswer> RequestAsync(CasConnectionSettings settings, OidcProviderEndpoints endpoints, string clientId,
            Dictionary<string, string> form, string? nonce, string what, CancellationToken cancellationToken)
        {
            using (var request = new HttpRequestMessage(HttpMethod.Post, endpoints.Token) { Content = new FormUrlEncodedContent(form) })
            {
                request.Headers.Accept.ParseAdd("application/json");
                (int status, string body) = await OidcHttp.SendAsync(settings, request, what, cancellationToken).ConfigureAwait(false);
                IReadOnlyDictionary<string, object?> json;
                try
                {
                    json = PlatformJson.ParseObject(body);
                }
                catch (FormatException problem)
                {
                    if (status != 200) throw Refused(status, null, clientId, what, endpoints);
                    throw OidcHttp.Unexpected(request, what, problem.Message.TrimEnd('.'));
                }

                if (status != 200) throw Refused(status, JsonText.Text(json, "error"), clientId, what, endpoints);
                string? idToken = JsonText.Text(json, "id_token");
                if (string.IsNullOrEmpty(idToken))
                {
                    throw OidcHttp.Unexpected(request, what, "it holds no id_token (is the scope 'openid' allowed for client " + clientId + "?)");
                }

                IdTokenClaims claims;
                try
                {
                    claims = IdTokenClaims.Read(idToken!);
                }
                catch (FormatException problem)
                {
                    throw InvalidIdToken(endpoints, problem.Message);
                }

                string? problemText = claims.Problem(endpoints.IssuerText, clientId, nonce, DateTime.UtcNow);
                if (problemText != null) throw InvalidIdToken(endpoints, problemText);
                return new OidcTokenAnswer(idToken!, claims, JsonText.Text(json, "access_token"), JsonText.Text(json, "refresh_token"));
            }
        }

        private static CasAwsException InvalidIdToken(OidcProviderEndpoints endpoints, string problem) =>
            new CasAwsException(ErrorIds.OidcIdTokenInvalid, CasAwsErrorKind.SecurityError, endpoints.IssuerText,
                "The id_token from " + endpoints.IssuerText + " was not accepted: " + problem.TrimEnd('.') + ". Nothing was kept; run Connect-CasAws -OpenIdConnect again, and if it persists ask the CAS administrator to check the OIDC service's issuer and client id.");

        private static CasAwsException Refused(int status, string? error, string clientId, string what, OidcProviderEndpoints endpoints)
        {
            string code = error != null && SafeErrorCode.IsMatch(error) ? error : "HTTP " + status;
            string advice = what == "refresh"
                ? "The CAS login has ended; log in again with Connect-CasAws -OpenIdConnect."
                : code == "invalid_client" || code == "unauthorized_client"
                    ? "The CAS administrator must register client id '" + clientId + "' as an OIDC service without a secret (a public client)."
                    : "The login code was refused (used already, expired, or the PKCE verifier did not match); run Connect-CasAws -OpenIdConnect again.";
            return new CasAwsException(what == "refresh" ? ErrorIds.OidcLoginExpired : ErrorIds.OidcTokenRequestRefused, CasAwsErrorKind.AuthenticationError, endpoints.IssuerText,
                "CAS at " + endpoints.IssuerText + " refused the " + what + " request (" + code + "). " + advice);
        }
    }
}
