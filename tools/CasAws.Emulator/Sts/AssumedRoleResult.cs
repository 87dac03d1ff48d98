namespace CasAws.Emulator.Sts;

/// <summary>What AssumeRole and AssumeRoleWithSAML return beside the credentials.</summary>
public sealed record AssumedRoleResult(IssuedCredential Credential, string AssumedRoleArn, string AssumedRoleId);
