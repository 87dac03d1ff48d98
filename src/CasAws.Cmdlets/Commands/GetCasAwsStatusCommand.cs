using System;
using System.Collections.Generic;
using System.Management.Automation;
using CasAws.Cache;
using CasAws.CredentialServer;
using CasAws.Files;
using CasAws.Session;
using CasAws.Status;

namespace CasAws.Commands
{
    /// <summary>
    /// What CasAws holds and how long it lasts: the session (with its count of CAS logins), each role's
    /// credentials, each running endpoint and each registered profile's cached keys. From memory and the
    /// private cache only: no network, fast enough for a prompt.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CasAwsStatus")]
    [OutputType(typeof(CasAwsStatusEntry))]
    public sealed class GetCasAwsStatusCommand : CasAwsCmdlet
    {
        /// <summary>Leave out the registered profiles (no file is read at all).</summary>
        [Parameter]
        public SwitchParameter NoProfiles { get; set; }

        protected override void EndProcessing()
        {
            IReadOnlyList<CredentialCacheEntry> profiles = Array.Empty<CredentialCacheEntry>();
            if (!NoProfiles)
            {
                try
                {
                    profiles = CredentialCacheStore.ForCurrentUser().ReadAll();
                }
                catch (UntrustedDirectoryException exception)
                {
                    WriteError(ProfileErrorRecords.Untrusted(exception));
                }
            }

            WriteObject(CasAwsStatusReport.Build(CasSessionStore.Current, CredentialServers.Running, profiles, DateTime.UtcNow), enumerateCollection: true);
        }
    }
}
