using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CasAws.Emulator.Config;
using CasAws.Emulator.Duo;
using CasAws.Emulator.Hosting;
using CasAws.Emulator.Mfa;
using CasAws.Emulator.Sts;
using Microsoft.AspNetCore.Http;

namespace CasAws.Emulator.Oidc;

/// <summary>
/// One CAS server as an OpenID Connect provider (CAS 6.6 / 7.x paths below {basePath}/oidc): discovery,
/// JWKS, the browser login (<see cref="OidcBrowserFlow"/>), the token and userinfo endpoints
/// (<see cref="OidcTokenEndpoint"/>). The issuer follows the scheme and port the request came in on, so
/// the HTTP and HTTPS listeners each act as a deployment with its own issuer URL.
/// </summary>
public sealed class OidcProvider : IDisposable
{
    public const string IssuerSegment = "oidc";
    private readonly OidcBrowserFlow _browser;
    private readonly OidcTokenEndpoint _token;

    public OidcProvider(CasServerConfig server, OidcServerConfig config, IReadOnlyList<UserConfig> users, DuoService duo, OneTimeCodeFactors codes, EmulatorClock clock)
    {
        Server = server;
        Config = config;
        Users = users;
        Duo = duo;
        Codes = codes;
        Clock = clock;
        _browser = new OidcBrowserFlow(this);
        _token = new OidcTokenEndpoint(this);
    }

    public CasServerConfig Server { get; }
    public OidcServerConfig Config { get; }
    public IReadOnlyList<UserConfig> Users { get; }
    public DuoService Duo { get; }

    /// <summary>The one-time code factors shared with the REST login (the browser flow reads only its triggers).</summary>
    public OneTimeCodeFactors Codes { get; }
    public EmulatorClock Clock { get; }
    public SigningKey Key { get; } = new();
    public OidcState State { get; } = new();

    /// <summary>{basePath}/oidc: the path part of every issuer of this server.</summary>
    public string BasePath => Server.BasePath.TrimEnd('/') + "/" + IssuerSegment;

    /// <summary>The IAM provider name for this server: issuer host and path, without scheme or port.</summary>
    public string ProviderName => "127.0.0.1" + BasePath;

    public string IssuerFor(HttpRequest request) => request.Scheme + "://" + request.Host.Value + BasePath;

    public bool Handles(string path) => path == BasePath || path.StartsWith(BasePath + "/", StringComparison.Ordinal);

    public OidcClientConfig? Client(string? clientId) => Config.Clients.FirstOrDefault(c => c.ClientId == clientId);

    public UserConfig? User(string name) => Users.FirstOrDefault(u => u.Username == name);

    public Task HandleAsync(HttpContext context)
    {
        var route = context.Request.Path.Value![BasePath.Length..].Trim('/');
        context.SetLogAction("oidc:" + (route.Length == 0 ? "/" : route));
        return route switch
        {
            ".well-known/openid-configuration" or ".well-known" => DiscoveryAsync(context),
            "jwks" => Json(context, 200, Key.JwksJson()),
            "oidcAuthorize" or "authorize" => _browser.AuthorizeAsync(context),
            "login" => _browser.LoginAsync(context),
            "mfa" => _browser.MfaAsync(context),
            "consent" => _browser.ConsentAsync(context),
            "oidcAccessToken" or "accessToken" or "token" => _token.TokenAsync(context),
            "oidcProfile" or "profile" => _token.UserInfoAsync(context),
            _ => Json(context, 404, """{"error":"not_found"}"""),
        };
    }

    private Task DiscoveryAsync(HttpContext context)
    {
        var issuer = IssuerFor(context.Request);
        var document = new JsonObject
        {
            ["issuer"] = issuer,
            ["authorization_endpoint"] = issuer + "/oidcAuthorize",
            ["token_endpoint"] = issuer + "/oidcAccessToken",
            ["userinfo_endpoint"] = issuer + "/oidcProfile",
            ["jwks_uri"] = issuer + "/jwks",
            ["scopes_supported"] = new JsonArray("openid", "profile", "email", "offline_access", "awsroles"),
            ["response_types_supported"] = new JsonArray("code"),
            ["grant_types_supported"] = new JsonArray("authorization_code", "refresh_token"),
            ["subject_types_supported"] = new JsonArray("public"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_basic", "client_secret_post", "none"),
            ["code_challenge_methods_supported"] = new JsonArray("plain", "S256"),
            ["claims_supported"] = new JsonArray("sub", "preferred_username", "awsroles"),
        };
        if (Config.DiscoveryFault == DiscoveryFaults.None) return Json(context, 200, document.ToJsonString());
        context.SetLogOutcome("discovery fault " + Config.DiscoveryFault);
        return DiscoveryFaults.WriteAsync(context, Config.DiscoveryFault, document);
    }

    /// <summary>The claims the client's release policy lets through for the user: one value as a string, several as an array.</summary>
    public JsonObject ReleasedClaims(UserConfig user, OidcClientConfig client)
    {
        var claims = new JsonObject();
        foreach (var name in client.ReleasedAttributes)
        {
            if (!user.Attributes.TryGetValue(name, out var values) || values.Count == 0) continue;
            claims[name] = values.Count == 1 ? JsonValue.Create(values[0]) : new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
        }
        return claims;
    }

    /// <summary>An id_token for a grant, signed with the key the JWKS publishes.</summary>
    public string IdToken(string issuer, OidcGrant grant, string accessToken)
    {
        var user = User(grant.User)!;
        var client = Client(grant.ClientId)!;
        var now = Clock.UtcNow;
        var claims = new JsonObject
        {
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["iss"] = issuer,
            ["aud"] = grant.ClientId,
            ["sub"] = user.Username,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + TimeSpan.FromSeconds(Config.IdTokenLifetimeSeconds)).ToUnixTimeSeconds(),
            ["auth_time"] = grant.AuthTime.ToUnixTimeSeconds(),
            ["client_id"] = grant.ClientId,
            ["sid"] = grant.SessionId,
            ["preferred_username"] = user.Username,
            ["at_hash"] = Base64Url.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)).AsSpan(0, 16)),
        };
        if (grant.Nonce is not null) claims["nonce"] = grant.Nonce;
        if (client.IncludeIdTokenClaims)
            foreach (var (name, value) in ReleasedClaims(user, client)) claims[name] = value?.DeepClone();
        State.CountIssued();
        return Key.Sign(claims);
    }

    public static Task Json(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(json, context.RequestAborted);
    }

    public void Dispose() => Key.Dispose();
}
