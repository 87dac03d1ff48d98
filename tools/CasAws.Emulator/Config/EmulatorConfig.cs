namespace CasAws.Emulator.Config;

/// <summary>The emulator's JSON configuration (camelCase in the file). See the README's emulator section.</summary>
public sealed class EmulatorConfig
{
    /// <summary>One or more CAS deployments served side by side (e.g. one in role mode, one in session-token mode).</summary>
    public List<CasServerConfig> CasServers { get; set; } = new();

    /// <summary>The user directory, shared by every CAS server.</summary>
    public List<UserConfig> Users { get; set; } = new();

    public DuoConfig Duo { get; set; } = new();

    public StsConfig Sts { get; set; } = new();
}

public sealed class CasServerConfig
{
    /// <summary>A short name for the ready-file's casServers map; defaults to the base path without slashes.</summary>
    public string? Name { get; set; }

    /// <summary>The CAS context path, "/cas" by default.</summary>
    public string BasePath { get; set; } = "/cas";

    /// <summary>The endpoint path below the base path, "actuator/awsSts" by default.</summary>
    public string EndpointPath { get; set; } = "actuator/awsSts";

    /// <summary>"6.4", "7.1", "7.2" (also "7.3") or "newest": what differs between CAS releases.</summary>
    public string Version { get; set; } = "7.2";

    /// <summary>
    /// How the endpoint is reachable: "open" (default); or as a misconfigured or guarded CAS answers
    /// before the endpoint runs: "notFound" (not exposed, 404), "forbidden" (actuator access denied, 403),
    /// "unauthorized" (401 from Spring Security), "loginRedirect" (an SSO gateway: 302 to {basePath}/login).
    /// </summary>
    public string EndpointAccess { get; set; } = "open";

    /// <summary>cas.amazon-sts.region; null or empty makes the answer say region=aws-global.</summary>
    public string? Region { get; set; }

    /// <summary>"LF" (a CAS on Linux) or "CRLF" (a CAS on Windows): the separator after each key line.</summary>
    public string LineEnding { get; set; } = "LF";

    /// <summary>cas.amazon-sts.rbac-enabled: AssumeRole with the attribute's values as role ARNs instead of GetSessionToken.</summary>
    public bool RbacEnabled { get; set; }

    /// <summary>cas.amazon-sts.principal-attribute-name; empty: no authorization rule at all.</summary>
    public string PrincipalAttributeName { get; set; } = "groupMembership";

    /// <summary>cas.amazon-sts.principal-attribute-value: a regex with find (partial match) semantics; empty: the attribute only has to exist.</summary>
    public string PrincipalAttributeValue { get; set; } = ".+";

    /// <summary>The access key id of the STS IAM user whose keys CAS signs its STS calls with.</summary>
    public string? CredentialAccessKey { get; set; }

    /// <summary>Server-side AWS profiles the client's "profile" field may pick: profile name to IAM access key id.</summary>
    public Dictionary<string, string> Profiles { get; set; } = new();

    /// <summary>Whether Duo MFA applies at all on this server (each user still needs an "mfa" entry to trigger it).</summary>
    public bool MfaEnabled { get; set; } = true;

    /// <summary>
    /// A service-based MFA trigger: when set, Duo runs only for requests whose "service" field matches
    /// this regex (find semantics); when null, every user with an "mfa" entry gets Duo.
    /// </summary>
    public string? MfaServicePattern { get; set; }

    /// <summary>The Duo provider id a client may name in "provider".</summary>
    public string MfaProviderId { get; set; } = "mfa-duo";

    /// <summary>When set, this server is also an OpenID Connect provider (issuer {base}/oidc).</summary>
    public OidcServerConfig? Oidc { get; set; }

    /// <summary>More Duo providers (e.g. "mfa-duo-admins"): a passcode for one of them needs "provider" = its id.</summary>
    public List<string> DuoProviderIds { get; set; } = new();

    /// <summary>The global trigger (cas.authn.mfa.triggers.global.global-provider-id): every login needs this provider.</summary>
    public string? GlobalMfaProvider { get; set; }

    /// <summary>Per-application policies: a request whose "service" matches the regex needs the provider.</summary>
    public List<ServiceMfaTrigger> ServiceMfaTriggers { get; set; } = new();

    /// <summary>The request-parameter trigger: "authn_method" may name the provider (cas.authn.mfa.triggers.http).</summary>
    public bool AuthnMethodTrigger { get; set; }

    /// <summary>Google Authenticator's window-size: codes of (n-1)/2 time steps either side are accepted (CAS default 3).</summary>
    public int GauthWindowSize { get; set; } = 3;

    /// <summary>How long a CAS Simple MFA token lives (cas.authn.mfa.simple.token.core.time-to-kill-in-seconds, default 30).</summary>
    public int SimpleMfaTokenSeconds { get; set; } = 30;
}

public sealed class ServiceMfaTrigger
{
    /// <summary>A regex on the "service" field, find semantics (a registered service's serviceId).</summary>
    public string ServicePattern { get; set; } = "";

    /// <summary>The provider id the service's multifactor policy names: mfa-duo (or another Duo id), mfa-gauth, mfa-yubikey, mfa-simple.</summary>
    public string Provider { get; set; } = "";
}

public sealed class UserConfig
{
    public string Username { get; set; } = "";
    public string Password { get; set; } = "";

    /// <summary>What this user is for, printed at start (so never the password).</summary>
    public string? Description { get; set; }
    public Dictionary<string, List<string>> Attributes { get; set; } = new();

    /// <summary>Duo for this user; null: no Duo (and, without another trigger, no MFA at all).</summary>
    public MfaConfig? Mfa { get; set; }

    /// <summary>Null: honest answers. Otherwise the values a hostile server (or a man in the middle) answers this user with.</summary>
    public HostileConfig? Hostile { get; set; }

    /// <summary>A per-user trigger (as a principal-attribute trigger): the provider id this user's logins need.</summary>
    public string? MfaProvider { get; set; }

    /// <summary>Registered Google Authenticator devices (CAS's accounts; "gauthacct" names one by id).</summary>
    public List<GoogleAuthenticatorDeviceConfig> GoogleAuthenticator { get; set; } = new();

    /// <summary>Registered YubiKeys.</summary>
    public List<YubiKeyConfig> YubiKeys { get; set; } = new();
}

/// <summary>
/// A CAS (or something on the way) that lies to one user: each non-null value replaces the honest one,
/// byte for byte (CR, LF, quotes, escapes, oversized text). Hostile role lists need no switch: put the
/// role values in the user's attributes. STS and federation switches apply to the keys CAS issued to
/// this user, so the CAS answer stays honest and the client reaches STS with them.
/// </summary>
public sealed class HostileConfig
{
    // The CAS awsSts success answer.
    public string? AccessKeyId { get; set; }
    public string? SecretAccessKey { get; set; }
    public string? SessionToken { get; set; }
    public string? Region { get; set; }

    // STS AssumeRole answers to calls signed with this user's keys (role chaining).
    public string? AssumedAccessKeyId { get; set; }
    public string? AssumedSecretAccessKey { get; set; }
    public string? AssumedSessionToken { get; set; }

    // STS GetCallerIdentity answers to calls signed with this user's keys.
    public string? CallerAccount { get; set; }
    public string? CallerArn { get; set; }
    public string? CallerUserId { get; set; }

    /// <summary>The whole body of the federation endpoint's getSigninToken answer (200, application/json) for this user's keys.</summary>
    public string? SigninAnswer { get; set; }
}

public sealed class GoogleAuthenticatorDeviceConfig
{
    /// <summary>CAS's numeric account id, sent by clients as "gauthacct".</summary>
    public long Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The TOTP secret in base32, as in the device's QR code.</summary>
    public string Secret { get; set; } = "";
}

public sealed class YubiKeyConfig
{
    /// <summary>The 12 modhex characters every OTP of the key starts with.</summary>
    public string PublicId { get; set; } = "";

    /// <summary>The 6-byte private id inside every OTP, in hex.</summary>
    public string PrivateId { get; set; } = "";

    /// <summary>The key's AES-128 secret, in hex (32 characters).</summary>
    public string AesKey { get; set; } = "";
}

public sealed class MfaConfig
{
    /// <summary>One-time Duo passcodes; each works once.</summary>
    public List<string> Passcodes { get; set; } = new();

    /// <summary>What the user's phone does with a push: "approve", "deny" or "never" (wait for the control endpoint or time out).</summary>
    public string Push { get; set; } = "never";

    /// <summary>Seconds before the automatic approve/deny.</summary>
    public double PushAfterSeconds { get; set; }
}

public sealed class DuoConfig
{
    /// <summary>How long a push waits for an answer before CAS fails the login (Duo's default: 60 s).</summary>
    public double PushTimeoutSeconds { get; set; } = 60;
}

public sealed class StsConfig
{
    public string AccountId { get; set; } = "123456789012";

    /// <summary>The account's alias, as IAM ListAccountAliases lists it (AWS allows one); null: none.</summary>
    public string? AccountAlias { get; set; }

    public List<IamUserConfig> IamUsers { get; set; } = new();

    public List<RoleConfig> Roles { get; set; } = new();

    /// <summary>SAML identity provider ARNs AssumeRoleWithSAML accepts as PrincipalArn.</summary>
    public List<string> SamlProviders { get; set; } = new();

    /// <summary>OpenID Connect providers AssumeRoleWithWebIdentity accepts tokens from.</summary>
    public List<OidcProviderConfig> OidcProviders { get; set; } = new();
}

public sealed class IamUserConfig
{
    /// <summary>The IAM user name, may contain a path: "ops/cas-server".</summary>
    public string UserName { get; set; } = "";
    public string AccessKeyId { get; set; } = "";
    public string SecretAccessKey { get; set; } = "";

    /// <summary>Optional virtual MFA device (AWS-side MFA: SerialNumber/TokenCode).</summary>
    public string? MfaSerialNumber { get; set; }

    /// <summary>The virtual MFA device's TOTP secret in base32: it accepts RFC 6238 codes, each once.</summary>
    public string? MfaSecret { get; set; }
}

public sealed class RoleConfig
{
    /// <summary>arn:aws:iam::ACCOUNT:role/path/Name.</summary>
    public string Arn { get; set; } = "";

    public int MaxSessionDurationSeconds { get; set; } = 3600;

    /// <summary>Principal ARNs the trust policy allows: IAM user ARNs, role ARNs (for chaining), "arn:aws:iam::ACCT:root" or "*".</summary>
    public List<string> TrustedPrincipals { get; set; } = new() { "*" };

    /// <summary>When set, AssumeRole must pass this ExternalId.</summary>
    public string? ExternalId { get; set; }

    /// <summary>When true, AssumeRole must carry a valid SerialNumber/TokenCode (aws:MultiFactorAuthPresent).</summary>
    public bool RequireMfa { get; set; }

    /// <summary>The IAM actions the role's permissions policy allows, e.g. "iam:ListAccountAliases"; others are AccessDenied.</summary>
    public List<string> IamActions { get; set; } = new();

    /// <summary>
    /// The trust policy's StringEquals conditions for AssumeRoleWithWebIdentity, e.g.
    /// "127.0.0.1/cas/oidc:aud": ["casaws"]; each key must match one of its values.
    /// </summary>
    public Dictionary<string, List<string>> WebIdentityConditions { get; set; } = new();
}
