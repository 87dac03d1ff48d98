namespace CasAws.Profiles
{
    /// <summary>How a CasAws profile gives the AWS CLI its keys.</summary>
    public enum CasAwsProfileKind
    {
        /// <summary>A '[profile NAME]' of ~/.aws/config whose credential_process runs the CasAws helper (Register-CasAwsProfile).</summary>
        CredentialProcess,

        /// <summary>Temporary keys written into ~/.aws/credentials by Get-CasAwsCredential -StoreAs.</summary>
        StoredKeys,
    }
}
