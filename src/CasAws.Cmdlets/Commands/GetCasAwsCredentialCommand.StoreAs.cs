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

        /// <summary>The region to write into the -StoreAs profile (in the config file); beats the region CAS sent.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Region { get; set; }

        /// <summary>
        /// Everything -StoreAs needs that can be known before CAS is called, so that no login and no Duo
        /// push is spent on a request whose result could not be stored: a valid name, files that parse,
        /// a profile that is CasAws's own (or -Force), a file that can be written. False: do nothing more.
        /// </summary>
        private bool CheckStoreAs()
        {
            if (StoreAs is null)
            {
                if (ProfileLocation is not null || Region is not null)
                {
                    WriteWarning((ProfileLocation is not null ? "-ProfileLocation" : "-Region") + " is used only with -StoreAs; nothing will be written.");
                }

                return true;
            }

            if (!AwsProfileSection.IsValidName(StoreAs))
            {
                WriteError(ProfileErrorRecords.InvalidName(StoreAs));
                return false;
            }

            string credentialsFile = StoreAsFile();
            try
            {
                if (CredentialsFileProfiles.Inspect(credentialsFile, StoreAs) == ProfileOwnership.Foreign && !Force)
                {
                    WriteError(ProfileErrorRecords.From(new ProfileNotOwnedException(credentialsFile, StoreAs)));
                    return false;
                }

                ConfigFileProfiles.Inspect(AwsFileLocations.ConfigFile(), StoreAs);   // parses: the region goes there
                WritabilityProbe.Check(credentialsFile);
            }
            catch (AwsFileException exception)
            {
                WriteError(ProfileErrorRecords.From(exception));
                return false;
            }

            return true;
        }

        /// <summary>-WhatIf and a declined -Confirm cost no login and no Duo push.</summary>
        private bool ConfirmStoreAs() =>
            StoreAs is null || ShouldProcess(StoreAsFile(), $"Log in to CAS and store the new credentials as profile '{StoreAs}'");

        private string StoreAsFile() =>
            AwsFileLocations.CredentialsFile(ProfileLocation is null ? null : GetUnresolvedProviderPathFromPSPath(ProfileLocation));

        /// <summary>
        /// Runs after CAS answered: a file that cannot be written (or changed hands since the check) is a
        /// warning, so the credentials still reach the pipeline.
        /// </summary>
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

                string? region = Region ?? credential.Region;
                if (region is not null)
                {
                    if (ShouldProcess(configFile, $"Set region '{region}' for profile '{StoreAs}'"))
                    {
                        ConfigFileProfiles.SetRegion(configFile, StoreAs, region, StopToken);
                    }
                }
                else if (ConfigFileProfiles.RegionOf(configFile, StoreAs) is null)
                {
                    WriteWarning($"CAS sent no region, so profile '{StoreAs}' has none: the AWS CLI will stop with 'You must specify a region' unless AWS_REGION is set or you pass --region. Pass -Region with -StoreAs to store one.");
                }
            }
            catch (Exception exception) when (exception is AwsFileException || exception is ProfileNotOwnedException || exception is TimeoutException)
            {
                WriteWarning($"The credentials were not stored as profile '{StoreAs}': {exception.Message} They are still returned.");
            }
        }
    }
}
