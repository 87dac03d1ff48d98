namespace CasAws.Emulator.Config;

/// <summary>The CAS releases whose awsSts endpoints behave differently.</summary>
public enum CasVersion
{
    /// <summary>6.4-7.0: default duration PT1H, reads the query string too, no HEAD.</summary>
    V6_4,
    /// <summary>7.1: default duration PT15S, form body only, HEAD answers 200.</summary>
    V7_1,
    /// <summary>7.2 and 7.3: as 7.1 (only the server's admin settings changed).</summary>
    V7_2,
    /// <summary>The newest development code: exact role matching, "No roles are available..." .</summary>
    Newest,
}

public static class CasVersionExtensions
{
    public static CasVersion? TryParse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "6.4" or "6.5" or "6.6" or "7.0" => CasVersion.V6_4,
        "7.1" => CasVersion.V7_1,
        "7.2" or "7.3" => CasVersion.V7_2,
        "newest" or "latest" or "8.0" => CasVersion.Newest,
        _ => null,
    };

    public static string DefaultDuration(this CasVersion version) => version == CasVersion.V6_4 ? "PT1H" : "PT15S";
    public static bool ReadsQueryString(this CasVersion version) => version == CasVersion.V6_4;
    public static bool AnswersHead(this CasVersion version) => version != CasVersion.V6_4;
    public static bool MatchesRolesExactly(this CasVersion version) => version == CasVersion.Newest;

    /// <summary>CAS Simple MFA (mfa-simple) and its REST credential factory ('sotp') arrived in CAS 7.0.</summary>
    public static bool SupportsSimpleMfa(this CasServerConfig server) =>
        !server.Version.Trim().StartsWith("6.", StringComparison.Ordinal);
}
