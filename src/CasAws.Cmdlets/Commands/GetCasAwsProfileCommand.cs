using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CasAws.Cache;
using CasAws.Files;
using CasAws.Profiles;

namespace CasAws.Commands
{
    /// <summary>
    /// Lists the profiles CasAws wrote into the AWS files (credential_process profiles and -StoreAs keys),
    /// until when each has keys, and whether the helper a credential_process line runs is there (a warning
    /// says what to do when not).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CasAwsProfile")]
    [OutputType(typeof(CasAwsProfile))]
    public sealed class GetCasAwsProfileCommand : CasAwsCmdlet
    {
        /// <summary>Profile names to list; wildcards allowed.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        protected override void EndProcessing()
        {
            WildcardPattern[] patterns = (Name ?? new[] { "*" })
                .Select(name => new WildcardPattern(name, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToArray();
            IniDocument? config = ReadForInspection(AwsFileLocations.ConfigFile());
            IniDocument? credentials = ReadForInspection(AwsFileLocations.CredentialsFile());
            IReadOnlyList<CredentialCacheEntry> entries;
            try
            {
                entries = CredentialCacheStore.ForCurrentUser().ReadAll();
            }
            catch (UntrustedDirectoryException exception)
            {
                ThrowTerminatingError(ProfileErrorRecords.Untrusted(exception));
                return;
            }

            foreach (CasAwsProfile profile in CasAwsProfileList.List(config, credentials, entries))
            {
                if (patterns.Any(pattern => pattern.IsMatch(profile.ProfileName)))
                {
                    WarnWhenUnusable(profile, config is not null);
                    WriteObject(profile);
                }
            }
        }

        private IniDocument? ReadForInspection(string path)
        {
            try
            {
                return IniFileEditor.ReadForInspection(path);
            }
            catch (AwsFileException exception)
            {
                WriteError(ProfileErrorRecords.From(exception));
                return null;
            }
        }

        private void WarnWhenUnusable(CasAwsProfile profile, bool configRead)
        {
            if (profile.Kind != CasAwsProfileKind.CredentialProcess || profile.HelperState == CasAwsHelperState.Ready || !configRead)
            {
                return;
            }

            string why = profile.HelperState switch
            {
                CasAwsHelperState.Missing => $"its credential_process runs '{profile.HelperPath}', which no longer exists",
                CasAwsHelperState.NotExecutable => $"its credential_process runs '{profile.HelperPath}', which is not executable",
                CasAwsHelperState.Modified => $"its credential_process runs '{profile.HelperPath}', which is not the file CasAws put there (its content differs from the SHA-256 recorded beside it), so do not run it",
                _ => $"'{AwsFileLocations.ConfigFile()}' has no credential_process line for it",
            };
            string role = profile.Role is null ? string.Empty : $" -RoleArn '{profile.Role}'";
            WriteWarning($"Profile '{profile.ProfileName}' cannot give the AWS CLI credentials: {why}. Register it again to use this CasAws's helper: Register-CasAwsProfile '{profile.ProfileName}' -Server '{profile.Server}'{role}");
        }
    }
}
