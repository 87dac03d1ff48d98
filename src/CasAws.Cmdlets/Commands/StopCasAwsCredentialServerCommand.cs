using System.Management.Automation;
using CasAws.CredentialServer;

namespace CasAws.Commands
{
    /// <summary>Stops credential endpoints: they refuse connections at once, and their renewal ends unless another user of the role remains.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "CasAwsCredentialServer", SupportsShouldProcess = true, DefaultParameterSetName = NameSet)]
    [OutputType(typeof(void))]
    public sealed class StopCasAwsCredentialServerCommand : CasAwsCmdlet
    {
        private const string NameSet = "Name";
        private const string InputSet = "InputObject";

        /// <summary>The endpoints to stop (wildcards allowed); without it, all that Start-CasAwsCredentialServer started.</summary>
        [Parameter(Position = 0, ParameterSetName = NameSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>An endpoint from Start- or Get-CasAwsCredentialServer.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputSet)]
        [ValidateNotNull]
        public CasAwsCredentialServer? InputObject { get; set; }

        protected override void ProcessRecord()
        {
            if (InputObject != null)
            {
                Stop(InputObject);
                return;
            }

            foreach (CasAwsCredentialServer server in SelectServers(Name, s => s.StartedBy == StartCasAwsCredentialServerCommand.StartedByThis)) Stop(server);
        }

        private void Stop(CasAwsCredentialServer server)
        {
            if (ShouldProcess(server.Url.ToString(), $"Stop the credential endpoint '{server.Name}' for '{server.Role}'")) CredentialServers.Stop(server);
        }
    }
}
