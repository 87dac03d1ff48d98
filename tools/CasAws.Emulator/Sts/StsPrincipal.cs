namespace CasAws.Emulator.Sts;

public enum PrincipalKind
{
    /// <summary>An IAM user signing with its long-term AKIA key.</summary>
    IamUser,
    /// <summary>GetSessionToken credentials: they act as the IAM user that asked for them.</summary>
    SessionToken,
    /// <summary>AssumeRole / AssumeRoleWithSAML credentials.</summary>
    AssumedRole,
}

/// <summary>Who a set of keys belongs to, as GetCallerIdentity reports it.</summary>
public sealed record StsPrincipal(
    PrincipalKind Kind,
    string Arn,
    string UserId,
    string Account,
    /// <summary>For users: the IAM user's ARN; for assumed roles: the role's IAM ARN (arn:aws:iam::A:role/path/Name).</summary>
    string SourceArn,
    /// <summary>The IAM user's MFA serial, when the user has a device (AWS-side MFA).</summary>
    string? MfaSerialNumber = null,
    /// <summary>The device's TOTP secret (base32), never shown.</summary>
    string? MfaSecret = null,
    /// <summary>True when the keys were obtained with AWS-side MFA (aws:MultiFactorAuthPresent).</summary>
    bool MfaAuthenticated = false);

/// <summary>Keys STS handed out; kept so later calls signed with them are recognised.</summary>
public sealed record IssuedCredential(
    string AccessKeyId,
    string SecretAccessKey,
    string SessionToken,
    DateTimeOffset Expiration,
    StsPrincipal Principal);
