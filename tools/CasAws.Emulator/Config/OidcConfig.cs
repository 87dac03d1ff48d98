namespace CasAws.Emulator.Config;

/// <summary>
/// cas.authn.oidc.* of one CAS server plus its OidcRegisteredServices: the server is an OpenID Connect
/// provider at {basePath}/oidc when this is present.
/// </summary>
public sealed class OidcServerConfig
{
    /// <summary>cas.authn.oidc.id-token.max-time-to-live-in-seconds (PT8H in 6.6 and 7.x).</summary>
    public int IdTokenLifetimeSeconds { get; set; } = 8 * 3600;

    /// <summary>cas.authn.oauth.access-token.time-to-kill-in-seconds (7200).</summary>
    public int AccessTokenLifetimeSeconds { get; set; } = 7200;

    /// <summary>cas.authn.oauth.code.time-to-kill-in-seconds (30); a code works once (number-of-uses 1).</summary>
    public int CodeLifetimeSeconds { get; set; } = 30;

    /// <summary>cas.authn.oauth.refresh-token.time-to-kill-in-seconds (14 days).</summary>
    public int RefreshTokenLifetimeSeconds { get; set; } = 14 * 24 * 3600;

    public List<OidcClientConfig> Clients { get; set; } = new();

    /// <summary>
    /// "none" (default): an honest discovery document. Otherwise the fault a real deployment shows there:
    /// "notFound" (no OIDC module, 404), "notJson" (a gateway's login page with 200), "issuerMismatch" (CAS's
    /// default issuer left in place), "missingEndpoints" (no authorization or token endpoint), "foreignEndpoints"
    /// (endpoints on a host behind the proxy). See <see cref="Oidc.DiscoveryFaults"/>.
    /// </summary>
    public string DiscoveryFault { get; set; } = Oidc.DiscoveryFaults.None;
}

/// <summary>An OidcRegisteredService as a command-line client registers it (no secret, native).</summary>
public sealed class OidcClientConfig
{
    public string ClientId { get; set; } = "";

    /// <summary>The serviceId regex the redirect_uri must match in full, e.g. ^http://127\.0\.0\.1:\d+(/.*)?$.</summary>
    public string ServiceId { get; set; } = "";

    /// <summary>null or empty: a public client (PKCE instead of a secret).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>bypassApprovalPrompt: no consent page.</summary>
    public bool BypassApprovalPrompt { get; set; } = true;

    /// <summary>generateRefreshToken: a refresh token when the request asks for scope offline_access.</summary>
    public bool GenerateRefreshToken { get; set; }

    /// <summary>The attributes the release policy (or a custom scope) lets through as claims.</summary>
    public List<string> ReleasedAttributes { get; set; } = new() { "awsroles" };

    /// <summary>
    /// Whether released claims go into the id_token (the deployment's "include id token claims"); when
    /// false they are only in userinfo, as CAS does in the code flow by default.
    /// </summary>
    public bool IncludeIdTokenClaims { get; set; } = true;
}

/// <summary>An IAM OpenID Connect identity provider in the STS double's account.</summary>
public sealed class OidcProviderConfig
{
    /// <summary>The emulator's CAS server (by name) whose issuer this provider trusts.</summary>
    public string CasServer { get; set; } = "cas";

    /// <summary>The provider's client-id list, matched against the token's aud.</summary>
    public List<string> ClientIds { get; set; } = new();
}
