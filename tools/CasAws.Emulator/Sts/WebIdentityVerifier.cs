using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CasAws.Emulator.Config;
using CasAws.Emulator.Oidc;

namespace CasAws.Emulator.Sts;

/// <summary>Who a verified id_token names, and through which IAM OIDC provider.</summary>
public sealed record WebIdentity(string Issuer, string ProviderName, string ProviderArn, string Subject, string Audience);

/// <summary>
/// What AWS checks of a web identity token before the role's trust policy: a JWT from an issuer that is
/// an IAM OIDC provider of the account, signed by a key of that issuer's JWKS, for one of the provider's
/// client ids, not expired, and not rejected by the provider. The emulator's providers are in-process,
/// so the "JWKS fetch" is a lookup; the provider name drops the port (AWS allows none).
/// </summary>
public sealed class WebIdentityVerifier
{
    private readonly StsConfig _config;
    private readonly IReadOnlyDictionary<string, OidcProvider> _providers;
    private readonly EmulatorClock _clock;

    public WebIdentityVerifier(StsConfig config, IReadOnlyDictionary<string, OidcProvider> providersByServer, EmulatorClock clock)
    {
        _config = config;
        _providers = providersByServer;
        _clock = clock;
    }

    public WebIdentity Verify(string token)
    {
        var claims = SigningKey.ReadClaims(token) ?? throw InvalidToken("The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)");
        var issuer = Text(claims, "iss") ?? throw InvalidToken("The web identity token that was passed is missing the iss claim.");
        var (registration, provider) = ProviderFor(issuer);
        var providerArn = $"arn:aws:iam::{_config.AccountId}:oidc-provider/{provider?.ProviderName ?? issuer}";
        if (registration is null || provider is null)
            throw InvalidToken($"No OpenIDConnect provider found in your account for {issuer}");
        if (!provider.Key.Verifies(token))
            throw InvalidToken("The web identity token that was passed could not be validated by Amazon Web Services. Get a new identity token from the identity provider and then retry the request.");
        var expires = Number(claims, "exp") ?? throw InvalidToken("The web identity token that was passed is missing the exp claim.");
        var now = _clock.UtcNow.ToUnixTimeSeconds();
        if (expires <= now)
            throw new StsException(400, "ExpiredTokenException",
                string.Create(CultureInfo.InvariantCulture, $"Token expired: current date/time {now} must be before the expiration date/time {expires}"));
        var audience = Text(claims, "aud");
        if (audience is null || !registration.ClientIds.Contains(audience)) throw InvalidToken("Incorrect token audience");
        var subject = Text(claims, "sub") ?? throw InvalidToken("The web identity token that was passed is missing the sub claim.");
        if (provider.State.RevokedUsers.TryGetValue(subject, out var revokedAt) && (Number(claims, "iat") ?? 0) <= revokedAt.ToUnixTimeSeconds())
            throw new StsException(403, "IDPRejectedClaim", "The identity provider rejected the claim: the session was revoked.");
        return new WebIdentity(issuer, provider.ProviderName, providerArn, subject, audience);
    }

    private (OidcProviderConfig? Registration, OidcProvider? Provider) ProviderFor(string issuer)
    {
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var uri) || !uri.IsLoopback) return (null, null);
        foreach (var registration in _config.OidcProviders)
        {
            if (_providers.TryGetValue(registration.CasServer, out var provider) && uri.AbsolutePath.TrimEnd('/') == provider.BasePath)
                return (registration, provider);
        }
        return (null, null);
    }

    private static StsException InvalidToken(string message) => new(400, "InvalidIdentityToken", message);

    private static string? Text(JsonObject claims, string name) =>
        claims[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static long? Number(JsonObject claims, string name)
    {
        if (claims[name] is not JsonValue value) return null;
        try
        {
            return value.GetValue<JsonElement>().TryGetInt64(out var number) ? number : null;
        }
        catch (InvalidOperationException)
        {
            return value.TryGetValue<long>(out var direct) ? direct : null;
        }
    }
}
