using System.Management.Automation;
using CasAws.CredentialServer;
using CasAws.Errors;

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

        protected override void ProcessRecord()
        {
            var pattern = Name == null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
            bool any = false;
            foreach (CasAwsCredentialServer server in CredentialServers.Running)
            {
                if (pattern != null && !pattern.IsMatch(server.Name)) continue;
                any = true;
                WriteObject(server);
            }

            if (!any && Name != null && !WildcardPattern.ContainsWildcardCharacters(Name))
            {
                WriteCasError(new CasAwsException(ErrorIds.CredentialServerNotFound, CasAwsErrorKind.ObjectNotFound, Name,
                    $"No credential endpoint named '{Name}' runs in this PowerShell. Get-CasAwsCredentialServer lists them."));
            }
        }
    }
}
