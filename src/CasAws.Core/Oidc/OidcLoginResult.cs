using System;
using System.Collections.Generic;
using CasAws.Errors;

namespace CasAws.Oidc
{
    /// <summary>
    /// The outcome of one browser login, shaped like IdentityModel.OidcClient's LoginResult: either the user's
    /// claims and tokens (id_token, access token, refresh token, expiry) or an error. The tokens are bearer
    /// credentials: <see cref="ToString"/> never shows them.
    /// </summary>
    internal sealed class OidcLoginResult
    {
        private OidcLoginResult(OidcIdentity? identity, IReadOnlyList<string> roles, CasAwsException? error)
        {
            Identity = identity;
            Roles = roles;
            Error = error;
        }

        public static OidcLoginResult Success(OidcIdentity identity, IReadOnlyList<string> roles) => new OidcLoginResult(identity, roles, null);

        public static OidcLoginResult Failure(CasAwsException error) => new OidcLoginResult(null, Array.Empty<string>(), error);

        public bool IsError => Error != null;

        /// <summary>What went wrong, with its stable error id and kind; null on success.</summary>
        public CasAwsException? Error { get; }

        public string? ErrorDescription => Error?.Message;

        /// <summary>Everything the session keeps: endpoints, client id, tokens, the id_token's claims and userinfo's.</summary>
        public OidcIdentity? Identity { get; }

        /// <summary>The checked claims of the id_token (the user).</summary>
        public IdTokenClaims? User => Identity?.Claims;

        public string? IdentityToken => Identity?.IdToken;

        public string? AccessToken => Identity?.AccessToken;

        public string? RefreshToken => Identity?.RefreshToken;

        /// <summary>When the id_token, and so AssumeRoleWithWebIdentity with it, stops working (UTC).</summary>
        public DateTime? ExpiresUtc => Identity?.ExpiresUtc;

        /// <summary>The role ARNs the role claim lists (id_token, else userinfo); empty when it lists none.</summary>
        public IReadOnlyList<string> Roles { get; }

        /// <summary>Whom the browser logged in, where, and whether a refresh token came with it; null on error.</summary>
        public string? Summary => Identity == null
            ? null
            : $"Logged in as {Identity.Claims.UserName} at {Identity.Endpoints.IssuerText}{(Identity.RefreshToken != null ? " (with a refresh token)" : string.Empty)}.";

        public override string ToString() => IsError ? "OpenID Connect login failed: " + Error!.ErrorId : Identity!.ToString();
    }
}
