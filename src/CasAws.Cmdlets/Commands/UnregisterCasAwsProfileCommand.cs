using System;
using System.IO;
using System.Management.Automation;
using CasAws.Cache;
using CasAws.Errors;
using CasAws.Files;
using CasAws.Profiles;

namespace CasAws.Commands
{
    /// <summary>
    /// Takes back a credential_process profile that Register-CasAwsProfile wrote (only what it wrote: the
    /// user's own settings in the section stay) with its cached credentials, and the keys that
    /// Get-CasAwsCredential -StoreAs stored under the name.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Unregister, "CasAwsProfile", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class UnregisterCasAwsProfileCommand : CasAwsCmdlet
    {

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ProfileName")]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>Only this kind of profile (Get-CasAwsProfile's Kind binds here); both when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public CasAwsProfileKind? Kind { get; set; }

        /// <summary>Also remove a config profile that CasAws did not write (the whole section); with -Kind StoredKeys, a credentials section it did not write.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            string configFile = AwsFileLocations.ConfigFile();
            string credentialsFile = AwsFileLocations.CredentialsFile();
            ProfileUnregistration plan;
            try
            {
                plan = ProfileUnregistration.Plan(ConfigFileProfiles.Inspect(configFile, Name),
                    File.Exists(CredentialCacheStore.ForCurrentUser().EntryPath(Name)),
                    CredentialsFileProfiles.Inspect(credentialsFile, Name), Kind);
            }
            catch (AwsFileException exception)
            {
                WriteError(ProfileErrorRecords.From(exception));
                return;
            }

            if (plan.IsEmpty)
            {
                WriteError(new ErrorRecord(new ItemNotFoundException(
                        $"No profile '{Name}' was written by CasAws in '{configFile}' or '{credentialsFile}'. Get-CasAwsProfile lists the profiles CasAws wrote."),
                    ErrorIds.ProfileNotRegistered, ErrorCategory.ObjectNotFound, Name));
                return;
            }

            if (plan.CredentialProcess && ShouldProcess(configFile, $"Remove profile '{Name}' and its cached credentials"))
            {
                ProfileRemoval.Remove(this, configFile, Name, Force, StopToken);
            }

            if (plan.StoredKeys && ShouldProcess(credentialsFile, $"Remove the keys stored as profile '{Name}'"))
            {
                ProfileRemoval.RemoveStoredKeys(this, credentialsFile, Name, Force, StopToken);
            }
        }
    }
}
