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
        // A static field initializer, not a static constructor: the partial class has one already.
        private static readonly bool StoreAsHooked = HookStoreAs();

        /// <summary>Also write the credentials as this profile into the shared credentials file.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StoreAs { get; set; }

        /// <summary>The shared credentials file for -StoreAs (default: AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials).</summary>
        [Parameter]
        [Alias("AWSProfilesLocation", "ProfilesLocation")]
        [ValidateNotNullOrEmpty]
        public string? ProfileLocation { get; set; }

        private static bool HookStoreAs()
        {
            CredentialWriting += (command, credential) => command.StoreProfile(credential);
            return true;
        }

        private void StoreProfile(CasAwsCredential credential)
        {
            if (StoreAs is null)
            {
                if (ProfileLocation is not null)
                {
                    WriteWarning("-ProfileLocation is used only with -StoreAs; nothing was written.");
                }

                return;
            }

            if (!AwsProfileSection.IsValidName(StoreAs))
            {
                WriteError(ProfileErrorRecords.InvalidName(StoreAs));
                return;
            }

            string credentialsFile = AwsFileLocations.CredentialsFile(ProfileLocation is null ? null : GetUnresolvedProviderPathFromPSPath(ProfileLocation));
            if (!ShouldProcess(credentialsFile, $"Store credentials {credential.AccessKey} (expire {credential.Expiration:yyyy-MM-dd HH:mm:ss}Z) as profile '{StoreAs}'"))
            {
                return;
            }

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
