using System.Management.Automation;
using CasAws.CredentialServer;

namespace CasAws.Commands
{
    /// <summary>The credential endpoints running in this PowerShell process (from memory): role, URL, time left, renewals.</summary>
    [Cmdlet(VerbsCommon.Get, "CasAwsCredentialServer")]
    [OutputType(typeof(CasAwsCredentialServer))]
    public sealed class GetCasAwsCredentialServerCommand : CasAwsCmdlet
    {
        /// <summary>Only endpoints with this name (wildcards allowed).</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        protected override void ProcessRecord() =>
            WriteObject(SelectServers(Name, _ => true), enumerateCollection: true);
    }
}
