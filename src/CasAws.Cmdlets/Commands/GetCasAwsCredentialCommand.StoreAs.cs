using System;
using System.IO;
using System.Management.Automation;
using CasAws.Credentials;
using CasAws.Files;

namespace CasAws.Commands
{
    /// <summary>
    /// Get-CasAwsCredential -StoreAs: writes the credentials as a profile into the shared credentials file
    /// (the region, when CAS sent a real one, into the config file), through the careful editor that
    /// keeps every other byte. Plugged in through the command's CredentialWriting hook.
    /// </summary>
    public sealed partial class GetCasAwsCredentialCommand
    {
        /// <summary>Also write the credentials as this profile into the shared credentials file.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StoreAs { get; set; }

        /// <summary>The shared credentials file for -StoreAs (default: AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials).</summary>
        [Parameter]
        [Alias("AWSProfilesLocation", "ProfilesLocation")]
        [ValidateNotNullOrEmpty]
        public string? ProfileLocation { get; set; }

        /// <summary>
        /// Checks the profile name and asks ShouldProcess before CAS is called, so that -WhatIf, a
        /// declined -Confirm or a bad name costs no login and no Duo push. False: do nothing more.
        /// </summary>
        private bool ConfirmStoreAs()
        {
            if (StoreAs is null)
            {
                if (ProfileLocation is not null)
                {
                    WriteWarning("-ProfileLocation is used only with -StoreAs; nothing will be written.");
                }

                return true;
            }

            if (!AwsProfileSection.IsValidName(StoreAs))
            {
                WriteError(ProfileErrorRecords.InvalidName(StoreAs));
                return false;
            }

            return ShouldProcess(StoreAsFile(), $"Log in to CAS and store the new credentials as profile '{StoreAs}'");
        }

        private string StoreAsFile() =>
            AwsFileLocations.CredentialsFile(ProfileLocation is null ? null : GetUnresolvedProviderPathFromPSPath(ProfileLocation));

        private void StoreProfile(CasAwsCredential credential)
        {
            if (StoreAs is null)
            {
                return;
            }

            string credentialsFile = StoreAsFile();
            var keys = new TemporaryKeys(credential.AccessKey, credential.SecretKey, credential.SessionToken, credential.Expiration)
            {
                RoleArn = credential.Origin?.RoleArn ?? credential.AssumedRoleArn,
            };
            try
            {
                CredentialsFileProfiles.Store(credentialsFile, StoreAs, keys, Force, StopToken);
                WriteVerbose($"Stored profile '{StoreAs}' in '{credentialsFile}'.");
                string configFile = AwsFileLocations.ConfigFile();
                if (ConfigFileProfiles.Inspect(configFile, StoreAs) == ProfileOwnership.CasAws)
                {
                    WriteWarning($"'{StoreAs}' is also a credential_process profile (Register-CasAwsProfile). The keys just stored in '{credentialsFile}' take precedence over it until you remove them.");
                }

                if (credential.Region is not null && ShouldProcess(configFile, $"Set region '{credential.Region}' for profile '{StoreAs}'"))
                {
                    ConfigFileProfiles.SetRegion(configFile, StoreAs, credential.Region, StopToken);
                }
            }
            catch (AwsFileException exception)
            {
                WriteError(ProfileErrorRecords.From(exception));
            }
            catch (ProfileNotOwnedException exception)
            {
                WriteError(ProfileErrorRecords.From(exception));
            }
        }
    }
}
