using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace CasAws.Emulator.Oidc;

/// <summary>An authorization request the browser is working through (login, then Duo, then consent).</summary>
public sealed class PendingAuthorization
{
    public required string Id { get; init; }
    public required string ClientId { get; init; }
    public required string RedirectUri { get; init; }
    public required IReadOnlyList<string> Scopes { get; init; }
    public string? State { get; init; }
    public string? Nonce { get; init; }
    public string? CodeChallenge { get; init; }
    public string? CodeChallengeMethod { get; init; }
    public required DateTimeOffset Created { get; init; }

    /// <summary>Set once the password was right; the Duo step may still be due.</summary>
    public string? User { get; set; }
    public bool MfaDone { get; set; }
}

/// <summary>What a code, access token or refresh token stands for.</summary>
public sealed record OidcGrant(
    string User,
    string ClientId,
    IReadOnlyList<string> Scopes,
    string? Nonce,
    DateTimeOffset AuthTime,
    DateTimeOffset Expires,
    string SessionId,
    string? RedirectUri = null,
    string? CodeChallenge = null,
    string? CodeChallengeMethod = null);

/// <summary>A browser's single sign-on session (CAS's ticket-granting cookie).</summary>
public sealed record SsoSession(string User, DateTimeOffset AuthTime, bool Mfa, string Id);

/// <summary>
/// Everything one OIDC provider remembers, in one place so that another grant (a device-code flow, say)
/// could use the same users, sessions and tokens. Values are random and never logged.
/// </summary>
public sealed class OidcState
{
    public ConcurrentDictionary<string, PendingAuthorization> Pending { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<string, OidcGrant> Codes { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<string, OidcGrant> AccessTokens { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<string, OidcGrant> RefreshTokens { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<string, SsoSession> SsoSessions { get; } = new(StringComparer.Ordinal);

    /// <summary>Users whose tokens the provider now rejects (AWS reports IDPRejectedClaim).</summary>
    public ConcurrentDictionary<string, DateTimeOffset> RevokedUsers { get; } = new(StringComparer.Ordinal);

    private int _codesRedeemed;
    private int _tokensIssued;

    public int CodesRedeemed => Volatile.Read(ref _codesRedeemed);
    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    public void CountRedeemed() => Interlocked.Increment(ref _codesRedeemed);
    public void CountIssued() => Interlocked.Increment(ref _tokensIssued);

    /// <summary>A random value with a CAS-like prefix (OC- codes, AT- access tokens, RT- refresh tokens, TGT- sessions).</summary>
    public static string NewValue(string prefix) => prefix + "-" + Base64Url.Encode(RandomNumberGenerator.GetBytes(24));

    /// <summary>Takes a code out so that it can be used once only, even by two requests at the same time.</summary>
    public OidcGrant? TakeCode(string code) => Codes.TryRemove(code, out var grant) ? grant : null;

    public void Reset()
    {
        Pending.Clear();
        Codes.Clear();
        AccessTokens.Clear();
        RefreshTokens.Clear();
        SsoSessions.Clear();
        RevokedUsers.Clear();
        Interlocked.Exchange(ref _codesRedeemed, 0);
        Interlocked.Exchange(ref _tokensIssued, 0);
    }
}
