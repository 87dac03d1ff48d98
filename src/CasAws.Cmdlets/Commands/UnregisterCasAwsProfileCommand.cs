using System;
using System.IO;
using System.Management.Automation;
using CasAws.Cache;
using CasAws.Errors;
using CasAws.Files;

namespace CasAws.Commands
{
    /// <summary>
    /// Takes back a credential_process profile that Register-CasAwsProfile wrote (only what it wrote: the
    /// user's own settings in the section stay), and its cached credentials.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Unregister, "CasAwsProfile", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class UnregisterCasAwsProfileCommand : CasAwsCmdlet
    {

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ProfileName")]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>Also remove a config profile that CasAws did not write (the whole section).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            string configFile = AwsFileLocations.ConfigFile();
            CredentialCacheStore store = CredentialCacheStore.ForCurrentUser();
            ProfileOwnership ownership;
            try
            {
                ownership = ConfigFileProfiles.Inspect(configFile, Name);
            }
            catch (AwsFileException exception)
            {
                WriteError(ProfileErrorRecords.From(exception));
                return;
            }

            bool cached = File.Exists(store.EntryPath(Name));
            if (ownership == ProfileOwnership.Missing && !cached)
            {
                WriteError(new ErrorRecord(new ItemNotFoundException(
                        $"No profile '{Name}' was registered by CasAws in '{configFile}'. Get-CasAwsProfile lists the registered profiles."),
                    ErrorIds.ProfileNotRegistered, ErrorCategory.ObjectNotFound, Name));
                return;
            }

            if (!ShouldProcess(configFile, $"Remove profile '{Name}' and its cached credentials"))
            {
                return;
            }

            ProfileRemoval.Remove(this, configFile, Name, Force, StopToken);
        }
    }
}
