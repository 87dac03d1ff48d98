using System.Collections.Concurrent;
using System.Globalization;
using CasAws.Emulator.Config;

namespace CasAws.Emulator.Sts;

/// <summary>
/// The STS double: issues credentials with AWS's validation rules and recognises every key it issued.
/// The HTTP side (Query protocol, SigV4) is <see cref="StsEndpoint"/>; CAS calls this class directly,
/// as an AWS SDK call signed with the CAS server's own IAM keys.
/// </summary>
public sealed class SecurityTokenService
{
    private const string SessionNamePattern = @"[\w+=,.@-]*";
    private const string MfaSerialPattern = @"[\w+=/:,.@-]*";
    private readonly StsConfig _config;
    private readonly EmulatorClock _clock;
    private readonly ConcurrentDictionary<string, IssuedCredential> _issued = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _usedMfaCodes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HostileConfig> _hostileKeys = new(StringComparer.Ordinal);

    /// <summary>Makes STS and the federation endpoint answer calls made with these keys as <paramref name="hostile"/> says.</summary>
    public void MarkHostile(string accessKeyId, HostileConfig hostile) => _hostileKeys[accessKeyId] = hostile;

    /// <summary>The hostile switches for calls made with these keys, or null for honest answers.</summary>
    public HostileConfig? HostilityOf(string accessKeyId) => _hostileKeys.TryGetValue(accessKeyId, out var hostile) ? hostile : null;

    public SecurityTokenService(StsConfig config, EmulatorClock clock)
    {
        _config = config;
        _clock = clock;
    }

    public string AccountId => _config.AccountId;

    /// <summary>The principal and secret behind an access key id, checking the session token as AWS does.</summary>
    public (StsPrincipal Principal, string SecretAccessKey) ResolveKey(string accessKeyId, string? sessionToken)
    {
        var user = _config.IamUsers.FirstOrDefault(u => u.AccessKeyId == accessKeyId);
        if (user is not null)
        {
            if (!string.IsNullOrEmpty(sessionToken)) throw StsException.InvalidClientTokenId();
            return (PrincipalOf(user), user.SecretAccessKey);
        }
        if (!_issued.TryGetValue(accessKeyId, out var issued) || issued.SessionToken != sessionToken)
            throw StsException.InvalidClientTokenId();
        if (issued.Expiration <= _clock.UtcNow) throw StsException.ExpiredToken();
        return (issued.Principal, issued.SecretAccessKey);
    }

    /// <summary>Keys this STS issued, if still valid (for the federation endpoint).</summary>
    public IssuedCredential? FindValidIssued(string accessKeyId, string secretAccessKey, string sessionToken)
    {
        if (!_issued.TryGetValue(accessKeyId, out var issued)) return null;
        var matches = issued.SecretAccessKey == secretAccessKey && issued.SessionToken == sessionToken;
        return matches && issued.Expiration > _clock.UtcNow ? issued : null;
    }

    public StsPrincipal PrincipalOfAccessKey(string accessKeyId)
    {
        var user = _config.IamUsers.FirstOrDefault(u => u.AccessKeyId == accessKeyId)
            ?? throw new InvalidOperationException($"No IAM user has the access key '{accessKeyId}'.");
        return PrincipalOf(user);
    }

    private StsPrincipal PrincipalOf(IamUserConfig user)
    {
        var arn = $"arn:aws:iam::{_config.AccountId}:user/{user.UserName.Trim('/')}";
        return new StsPrincipal(PrincipalKind.IamUser, arn, AwsKeyGenerator.UniqueId("AIDA", arn), _config.AccountId, arn,
            user.MfaSerialNumber, user.MfaSecret);
    }

    public IssuedCredential GetSessionToken(StsPrincipal caller, int? durationSeconds, string? serialNumber, string? tokenCode)
    {
        var errors = new ValidationErrors();
        errors.Range("durationSeconds", durationSeconds, 900, 129600);
        ValidateMfaShape(errors, serialNumber, tokenCode);
        errors.ThrowIfAny();
        if (caller.Kind != PrincipalKind.IamUser) throw StsException.AccessDenied("Cannot call GetSessionToken with session credentials");
        var mfa = CheckMfa(caller, serialNumber, tokenCode);
        var principal = caller with { Kind = PrincipalKind.SessionToken, MfaAuthenticated = mfa };
        return Issue(principal, TimeSpan.FromSeconds(durationSeconds ?? 43200));
    }

    public AssumedRoleResult AssumeRole(StsPrincipal caller, string? roleArn, string? roleSessionName, int? durationSeconds,
        string? externalId, string? serialNumber, string? tokenCode)
    {
        var errors = new ValidationErrors();
        errors.Required("roleArn", roleArn);
        errors.Length("roleArn", roleArn, 20, 2048);
        errors.Required("roleSessionName", roleSessionName);
        errors.Length("roleSessionName", roleSessionName, 2, 64);
        errors.Pattern("roleSessionName", roleSessionName, SessionNamePattern);
        errors.Range("durationSeconds", durationSeconds, 900, 43200);
        errors.Length("externalId", externalId, 2, 1224);
        errors.Pattern("externalId", externalId, @"[\w+=,.@:\/-]*");
        ValidateMfaShape(errors, serialNumber, tokenCode);
        errors.ThrowIfAny();
        var roleName = RoleNameOf(roleArn!);

        var role = _config.Roles.FirstOrDefault(r => r.Arn == roleArn);
        var mfa = CheckMfa(caller, serialNumber, tokenCode) || caller.MfaAuthenticated;
        if (role is null || !Trusts(role, caller) || (role.ExternalId is not null && role.ExternalId != externalId) || (role.RequireMfa && !mfa))
            throw StsException.NotAuthorizedToAssume(caller.Arn, roleArn!);

        var chaining = caller.Kind == PrincipalKind.AssumedRole;
        if (chaining && durationSeconds > 3600)
            throw StsException.Validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        if (durationSeconds > role.MaxSessionDurationSeconds)
            throw StsException.Validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");

        return IssueRole(role, roleName, roleSessionName!, TimeSpan.FromSeconds(durationSeconds ?? 3600), mfa);
    }

    /// <summary>AssumeRoleWithSAML: unsigned; the assertion names the role/provider pairs and the session name.</summary>
    public (AssumedRoleResult Result, SamlAssertion Assertion) AssumeRoleWithSaml(string? roleArn, string? principalArn, string? samlAssertion, int? durationSeconds)
    {
        var errors = new ValidationErrors();
        errors.Required("roleArn", roleArn);
        errors.Length("roleArn", roleArn, 20, 2048);
        errors.Required("principalArn", principalArn);
        errors.Length("principalArn", principalArn, 20, 2048);
        errors.Required("sAMLAssertion", samlAssertion);
        errors.Length("sAMLAssertion", samlAssertion, 4, 100000);
        errors.Range("durationSeconds", durationSeconds, 900, 43200);
        errors.ThrowIfAny();
        var roleName = RoleNameOf(roleArn!);
        var assertion = SamlAssertion.Parse(samlAssertion!);
        if (!_config.SamlProviders.Contains(principalArn!))
            throw new StsException(400, "InvalidIdentityToken", $"SAML provider {principalArn} does not exist or is not trusted.");
        var role = _config.Roles.FirstOrDefault(r => r.Arn == roleArn);
        if (role is null || !assertion.AllowsRole(roleArn!, principalArn!))
            throw StsException.AccessDenied("Not authorized to perform sts:AssumeRoleWithSAML");
        if (durationSeconds > role.MaxSessionDurationSeconds)
            throw StsException.Validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        var duration = TimeSpan.FromSeconds(durationSeconds ?? assertion.SessionDurationSeconds ?? 3600);
        return (IssueRole(role, roleName, assertion.RoleSessionName, duration, false), assertion);
    }

    /// <summary>
    /// AssumeRoleWithWebIdentity: unsigned; the token is verified (<see cref="WebIdentityVerifier"/>), then the
    /// role's trust must name the OIDC provider as federated principal and its aud/sub conditions must hold.
    /// </summary>
    public (AssumedRoleResult Result, WebIdentity Identity) AssumeRoleWithWebIdentity(string? roleArn, string? roleSessionName, string? webIdentityToken, int? durationSeconds)
    {
        var errors = new ValidationErrors();
        errors.Required("roleArn", roleArn);
        errors.Length("roleArn", roleArn, 20, 2048);
        errors.Required("roleSessionName", roleSessionName);
        errors.Length("roleSessionName", roleSessionName, 2, 64);
        errors.Pattern("roleSessionName", roleSessionName, SessionNamePattern);
        errors.Required("webIdentityToken", webIdentityToken);
        errors.SensitiveLength("webIdentityToken", webIdentityToken, 4, 20000);
        errors.Range("durationSeconds", durationSeconds, 900, 43200);
        errors.ThrowIfAny();
        var roleName = RoleNameOf(roleArn!);
        var identity = (WebIdentities ?? throw new StsException(400, "InvalidIdentityToken", "No OpenIDConnect provider found in your account.")).Verify(webIdentityToken!);
        var role = _config.Roles.FirstOrDefault(r => r.Arn == roleArn);
        if (role is null || !role.TrustedPrincipals.Contains(identity.ProviderArn) || !ConditionsHold(role, identity))
            throw StsException.AccessDenied("Not authorized to perform sts:AssumeRoleWithWebIdentity");
        if (durationSeconds > role.MaxSessionDurationSeconds)
            throw StsException.Validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        return (IssueRole(role, roleName, roleSessionName!, TimeSpan.FromSeconds(durationSeconds ?? 3600), false), identity);
    }

    /// <summary>Set by the host once the OIDC providers exist; null when no CAS server is an OIDC provider.</summary>
    public WebIdentityVerifier? WebIdentities { get; set; }

    private static bool ConditionsHold(RoleConfig role, WebIdentity identity)
    {
        foreach (var (key, allowed) in role.WebIdentityConditions)
        {
            var actual = key == identity.ProviderName + ":aud" ? identity.Audience
                : key == identity.ProviderName + ":sub" ? identity.Subject
                : null;
            if (actual is null || !allowed.Contains(actual)) return false;
        }
        return true;
    }

    private AssumedRoleResult IssueRole(RoleConfig role, string roleName, string sessionName, TimeSpan duration, bool mfa)
    {
        var account = role.Arn.Split(':')[4];
        var assumedArn = $"arn:aws:sts::{account}:assumed-role/{roleName}/{sessionName}";
        var assumedId = AwsKeyGenerator.UniqueId("AROA", role.Arn) + ":" + sessionName;
        var principal = new StsPrincipal(PrincipalKind.AssumedRole, assumedArn, assumedId, account, role.Arn, MfaAuthenticated: mfa);
        return new AssumedRoleResult(Issue(principal, duration), assumedArn, assumedId);
    }

    private IssuedCredential Issue(StsPrincipal principal, TimeSpan duration)
    {
        var now = _clock.UtcNow;
        var expiration = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero) + duration;
        var credential = new IssuedCredential(AwsKeyGenerator.TemporaryAccessKeyId(), AwsKeyGenerator.SecretAccessKey(),
            AwsKeyGenerator.SessionToken(), expiration, principal);
        _issued[credential.AccessKeyId] = credential;
        return credential;
    }

    /// <summary>The role name (last path segment) of a role ARN, or AWS's ValidationError for any other ARN shape.</summary>
    private static string RoleNameOf(string roleArn)
    {
        var match = System.Text.RegularExpressions.Regex.Match(roleArn, @"^arn:aws[\w-]*:iam::(\d{12}):role(/[\x21-\x7E]*)?/([\w+=,.@-]{1,64})$");
        if (!match.Success) throw StsException.Validation($"{roleArn} is invalid");
        return match.Groups[3].Value;
    }

    private static bool Trusts(RoleConfig role, StsPrincipal caller)
    {
        foreach (var trusted in role.TrustedPrincipals)
        {
            if (trusted == "*" || trusted == caller.SourceArn || trusted == caller.Arn) return true;
            if (trusted == $"arn:aws:iam::{caller.Account}:root" || trusted == caller.Account) return true;
        }
        return false;
    }

    private static void ValidateMfaShape(ValidationErrors errors, string? serialNumber, string? tokenCode)
    {
        errors.Length("serialNumber", serialNumber, 9, 256);
        errors.Pattern("serialNumber", serialNumber, MfaSerialPattern);
        errors.Length("tokenCode", tokenCode, 6, 6);
        errors.Pattern("tokenCode", tokenCode, @"[\d]*");
    }

    /// <summary>
    /// True when a valid AWS MFA code was given: the device's TOTP code of the current 30-second step or
    /// the one either side, not used before. AccessDenied when one was given and is wrong or used.
    /// </summary>
    private bool CheckMfa(StsPrincipal caller, string? serialNumber, string? tokenCode)
    {
        if (string.IsNullOrEmpty(serialNumber) && string.IsNullOrEmpty(tokenCode)) return false;
        if (string.IsNullOrEmpty(serialNumber) || string.IsNullOrEmpty(tokenCode) || caller.MfaSerialNumber != serialNumber)
            throw StsException.AccessDenied("MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user.");
        var step = caller.MfaSecret is null ? null : Mfa.Totp.MatchingStep(Mfa.Base32.Decode(caller.MfaSecret), tokenCode, _clock.UtcNow, window: 1);
        if (step is null || !_usedMfaCodes.TryAdd(serialNumber + "\n" + step, 0))
            throw StsException.AccessDenied("MultiFactorAuthentication failed with invalid MFA one time pass code. ");
        return true;
    }

    /// <summary>The code an IAM user's virtual MFA device shows now (for the control API: tests and demos).</summary>
    public string? CurrentMfaCode(string serialNumber)
    {
        var user = _config.IamUsers.FirstOrDefault(u => u.MfaSerialNumber == serialNumber);
        return user?.MfaSecret is null ? null : Mfa.Totp.CodeAt(user.MfaSecret, _clock.UtcNow);
    }

    /// <summary>Used AWS MFA codes become usable again (control API reset).</summary>
    public void ResetMfa() => _usedMfaCodes.Clear();

    public static int? ParseDuration(string? text)
    {
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
        throw StsException.Validation($"1 validation error detected: Value '{text}' at 'durationSeconds' failed to satisfy constraint: Member must be a number");
    }
}
