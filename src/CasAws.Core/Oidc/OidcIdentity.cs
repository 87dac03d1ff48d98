using System;
using System.Collections.Generic;
using CasAws.Json;

namespace CasAws.Oidc
{
    /// <summary>
    /// What an OpenID Connect login leaves in the session: the id_token (a bearer credential: only the
    /// session and the private cache hold it), the tokens to refresh it, and the claims the roles come from.
    /// </summary>
    internal sealed class OidcIdentity
    {
        private readonly object _gate = new object();
        private string _idToken;
        private IdTokenClaims _claims;
        private string? _accessToken;
        private string? _refreshToken;

        public OidcIdentity(OidcProviderEndpoints endpoints, string clientId, string idToken, IdTokenClaims claims, string? accessToken, string? refreshToken)
        {
            Endpoints = endpoints;
            ClientId = clientId;
            _idToken = idToken;
            _claims = claims;
            _accessToken = accessToken;
            _refreshToken = refreshToken;
        }

        public OidcProviderEndpoints Endpoints { get; }

        public string ClientId { get; }

        /// <summary>Claims from userinfo, when the id_token lacked the role claim; null otherwise.</summary>
        public IReadOnlyDictionary<string, object?>? UserInfo { get; set; }

        public string IdToken
        {
            get { lock (_gate) return _idToken; }
        }

        public IdTokenClaims Claims
        {
            get { lock (_gate) return _claims; }
        }

        public string? AccessToken
        {
            get { lock (_gate) return _accessToken; }
        }

        public string? RefreshToken
        {
            get { lock (_gate) return _refreshToken; }
        }

        public DateTime ExpiresUtc => Claims.ExpiresUtc;

        /// <summary>The IAM provider name of the issuer: host and path without scheme (the trust policy's condition prefix).</summary>
        public string ProviderName => Endpoints.Issuer.Host + Endpoints.Issuer.AbsolutePath.TrimEnd('/');

        public void Replace(string idToken, IdTokenClaims claims, string? accessToken, string? refreshToken)
        {
            lock (_gate)
            {
                _idToken = idToken;
                _claims = claims;
                _accessToken = accessToken ?? _accessToken;
                _refreshToken = refreshToken ?? _refreshToken;
            }
        }

        /// <summary>The values of a claim from the id_token, else from userinfo; null when neither has it.</summary>
        public IReadOnlyList<string>? ClaimValues(string claim) =>
            Claims.Values(claim) ?? (UserInfo == null ? null : JsonText.Strings(UserInfo, claim));

        public void Wipe()
        {
            lock (_gate)
            {
                _idToken = string.Empty;
                _accessToken = null;
                _refreshToken = null;
            }
        }

        public override string ToString() => "OpenID Connect login of " + Claims.UserName + " at " + Endpoints.IssuerText;
    }
}
