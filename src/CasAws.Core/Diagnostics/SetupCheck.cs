namespace CasAws.Diagnostics
{
    /// <summary>One check of Test-CasAwsSetup: what was checked, how it went, what was found and how to fix it.</summary>
    public sealed class SetupCheck
    {
        internal SetupCheck(string check, SetupCheckStatus status, string found, string? fix = null)
        {
            Check = check;
            Status = status;
            Found = found;
            Fix = fix;
        }

        /// <summary>Which check: CaBundle, ServerTls, AwsStsEndpoint, ClockSkew, OidcDiscovery, AwsConfigFile, AwsCredentialsFile, ShadowedProfile, ProfileHelper, AwsCli, AwsTools.</summary>
        public string Check { get; }

        public SetupCheckStatus Status { get; }

        /// <summary>What the check found (server text made visible).</summary>
        public string Found { get; }

        /// <summary>What to do when the status is not Pass; null when there is nothing to do.</summary>
        public string? Fix { get; }

        public override string ToString() => Check + ": " + Status + " - " + Found;
    }

    public enum SetupCheckStatus
    {
        Pass,
        Warning,
        Fail,
        Skipped,
    }
}
