using System;

namespace CasAws.Oidc
{
    /// <summary>The endpoints a CAS issuer's discovery document names, each checked before use.</summary>
    internal sealed class OidcProviderEndpoints
    {
        public OidcProviderEndpoints(Uri issuer, Uri authorization, Uri token, Uri? userInfo, bool issuerInRedirect = false)
        {
            IssuerInRedirect = issuerInRedirect;
            Issuer = issuer;
            Authorization = authorization;
            Token = token;
            UserInfo = userInfo;
        }

        /// <summary>The issuer exactly as discovery states it (the id_token's iss must equal it).</summary>
        public Uri Issuer { get; }

        public Uri Authorization { get; }

        public Uri Token { get; }

        public Uri? UserInfo { get; }

        /// <summary>The provider puts 'iss' into every redirect (RFC 9207's authorization_response_iss_parameter_supported).</summary>
        public bool IssuerInRedirect { get; }

        /// <summary>The issuer as a string without a trailing slash, as CAS writes it into iss.</summary>
        public string IssuerText => Issuer.AbsoluteUri.TrimEnd('/');
    }
}
