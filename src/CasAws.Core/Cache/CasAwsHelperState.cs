namespace CasAws.Cache
{
    /// <summary>Whether the credential_process helper a profile names can run (Get-CasAwsProfile's HelperState).</summary>
    public enum CasAwsHelperState
    {
        /// <summary>The helper is there and executable.</summary>
        Ready,

        /// <summary>The file credential_process names does not exist (an old module folder that an update removed, say).</summary>
        Missing,

        /// <summary>The file exists but has no execute permission.</summary>
        NotExecutable,

        /// <summary>The AWS config file has no credential_process line for the profile.</summary>
        NotConfigured,

        /// <summary>The user's copy of the helper is not what CasAws wrote there: its content differs from the hash recorded beside it (or none was recorded).</summary>
        Modified,
    }
}
