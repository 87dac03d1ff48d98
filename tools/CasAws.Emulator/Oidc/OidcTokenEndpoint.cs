using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CasAws.Emulator.Config;
using CasAws.Emulator.Hosting;
using Microsoft.AspNetCore.Http;

namespace CasAws.Emulator.Oidc;

/// <summary>
/// oidcAccessToken (authorization_code with PKCE, refresh_token) and oidcProfile (userinfo). A public
/// client authenticates with its client_id alone; PKCE's method defaults to plain as in CAS, whose
/// comparison of the challenge ignores case.
/// </summary>
internal sealed class OidcTokenEndpoint
{
    private readonly OidcProvider _provider;

    public OidcTokenEndpoint(OidcProvider provider) => _provider = provider;

    public async Task TokenAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await Error(context, 405, "invalid_request");
            return;
        }
        var form = RequestBody.ParseForm(await RequestBody.ReadAllAsync(context.Request, context.RequestAborted));
        string? Get(string name) => form.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
        var (clientId, secret) = ClientCredentials(context, Get);
        var client = _provider.Client(clientId);
        if (client is null || (!string.IsNullOrEmpty(client.ClientSecret) && client.ClientSecret != secret))
        {
            await Error(context, 401, "invalid_client");
            return;
        }
        switch (Get("grant_type"))
        {
            case "authorization_code":
                await RedeemCodeAsync(context, client, Get);
                return;
            case "refresh_token":
                await RefreshAsync(context, client, Get("refresh_token"));
                return;
            default:
                await Error(context, 400, "unsupported_grant_type");
                return;
        }
    }

    private async Task RedeemCodeAsync(HttpContext context, OidcClientConfig client, Func<string, string?> get)
    {
        var code = get("code");
        var grant = code is null ? null : _provider.State.TakeCode(code);
        var now = _provider.Clock.UtcNow;
        string? problem = grant is null ? "unknown or used code"
            : grant.Expires <= now ? "expired code"
            : grant.ClientId != client.ClientId ? "code of another client"
            : grant.RedirectUri != get("redirect_uri") ? "redirect_uri differs"
            : !PkceHolds(grant, get("code_verifier")) ? "code_verifier does not match"
            : null;
        if (problem is not null)
        {
            await Error(context, 400, "invalid_grant", problem);
            return;
        }
        _provider.State.CountRedeemed();
        context.SetLogUser(grant!.User);
        await IssueAsync(context, grant, includeRefreshToken: true);
    }

    private async Task RefreshAsync(HttpContext context, OidcClientConfig client, string? refreshToken)
    {
        var now = _provider.Clock.UtcNow;
        if (refreshToken is null || !_provider.State.RefreshTokens.TryGetValue(refreshToken, out var grant) || grant.ClientId != client.ClientId
            || grant.Expires <= now || _provider.State.RevokedUsers.ContainsKey(grant.User))
        {
            await Error(context, 400, "invalid_grant", "refresh token refused");
            return;
        }
        context.SetLogUser(grant.User);
        await IssueAsync(context, grant with { Nonce = null }, includeRefreshToken: false);
    }

    private async Task IssueAsync(HttpContext context, OidcGrant grant, bool includeRefreshToken)
    {
        var now = _provider.Clock.UtcNow;
        var client = _provider.Client(grant.ClientId)!;
        var accessToken = OidcState.NewValue("AT");
        var accessLifetime = TimeSpan.FromSeconds(_provider.Config.AccessTokenLifetimeSeconds);
        _provider.State.AccessTokens[accessToken] = grant with { Expires = now + accessLifetime };
        var answer = new JsonObject
        {
            ["access_token"] = accessToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)accessLifetime.TotalSeconds,
            ["scope"] = string.Join(" ", grant.Scopes),
            ["id_token"] = _provider.IdToken(_provider.IssuerFor(context.Request), grant, accessToken),
        };
        if (includeRefreshToken && client.GenerateRefreshToken && grant.Scopes.Contains("offline_access"))
        {
            var refreshToken = OidcState.NewValue("RT");
            _provider.State.RefreshTokens[refreshToken] = grant with { Expires = now + TimeSpan.FromSeconds(_provider.Config.RefreshTokenLifetimeSeconds) };
            answer["refresh_token"] = refreshToken;
        }
        context.SetLogOutcome(includeRefreshToken ? "tokens issued" : "tokens refreshed");
        await OidcProvider.Json(context, 200, answer.ToJsonString());
    }

    public async Task UserInfoAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim()
            : RequestBody.ParseQuery(context.Request.QueryString.Value).GetValueOrDefault("access_token");
        if (string.IsNullOrEmpty(token) || !_provider.State.AccessTokens.TryGetValue(token, out var grant) || grant.Expires <= _provider.Clock.UtcNow)
        {
            await Error(context, 401, "expired_accessToken");
            return;
        }
        context.SetLogUser(grant.User);
        var user = _provider.User(grant.User)!;
        var claims = _provider.ReleasedClaims(user, _provider.Client(grant.ClientId)!);
        claims["sub"] = user.Username;
        claims["preferred_username"] = user.Username;
        context.SetLogOutcome("profile");
        await OidcProvider.Json(context, 200, claims.ToJsonString());
    }

    private static bool PkceHolds(OidcGrant grant, string? verifier)
    {
        if (grant.CodeChallenge is null) return true; // CAS lets a client without a secret redeem without PKCE
        if (string.IsNullOrEmpty(verifier)) return false;
        var computed = (grant.CodeChallengeMethod ?? "plain") == "S256"
            ? Base64Url.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))
            : verifier;
        return string.Equals(computed, grant.CodeChallenge, StringComparison.OrdinalIgnoreCase);
    }

    private static (string? ClientId, string? Secret) ClientCredentials(HttpContext context, Func<string, string?> get)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim())).Split(':', 2);
                return (Uri.UnescapeDataString(pair[0]), pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : null);
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }
        return (get("client_id"), get("client_secret"));
    }

    private static Task Error(HttpContext context, int status, string error, string? why = null)
    {
        context.SetLogOutcome(why ?? error);
        return OidcProvider.Json(context, status, new JsonObject { ["error"] = error }.ToJsonString());
    }
}
