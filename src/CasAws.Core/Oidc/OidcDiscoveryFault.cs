namespace CasAws.Oidc
{
    /// <summary>What is wrong with an issuer's discovery document, as a deployment gets it wrong.</summary>
    internal enum OidcDiscoveryFault
    {
        /// <summary>The document read and every endpoint is usable.</summary>
        None,

        /// <summary>404: no OpenID Connect module at that issuer, or the issuer is another URL.</summary>
        NotFound,

        /// <summary>Another status than 200 and 404 (denied, redirected, a server error).</summary>
        HttpStatus,

        /// <summary>200, but not a JSON object: a gateway's or proxy's page answers instead of CAS.</summary>
        NotJson,

        /// <summary>The document states another issuer than the one it was read from.</summary>
        IssuerMismatch,

        /// <summary>No authorization_endpoint or no token_endpoint.</summary>
        MissingEndpoint,

        /// <summary>An endpoint that is not a URL on the issuer's own scheme and host.</summary>
        ForeignEndpoint,
    }
}
