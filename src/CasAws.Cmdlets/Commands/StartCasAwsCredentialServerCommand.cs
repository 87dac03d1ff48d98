using System;
using System.Management.Automation;
using CasAws.Credentials;
using CasAws.CredentialServer;
using CasAws.Errors;

namespace CasAws.Commands
{
    /// <summary>
    /// Serves one role's credentials on 127.0.0.1 by the AWS container-credentials protocol, renewed ahead of
    /// expiry, for other shells, tools and containers, while this PowerShell runs. One endpoint per role.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "CasAwsCredentialServer", SupportsShouldProcess = true)]
    [OutputType(typeof(CasAwsCredentialServer))]
    public sealed class StartCasAwsCredentialServerCommand : CasAwsCmdlet
    {
        internal const string StartedByThis = "Start-CasAwsCredentialServer";

        /// <summary>The role to serve (ARN, name or unique pattern); default: the session's.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RoleArnCompleter))]
        public string? RoleArn { get; set; }

        /// <summary>How long each set of keys lasts (default: the session's).</summary>
        [Parameter]
        [DurationTransformation]
        public TimeSpan? Duration { get; set; }

        /// <summary>Renew when this much time is left (default 10 minutes).</summary>
        [Parameter]
        [DurationTransformation]
        public TimeSpan? RenewBefore { get; set; }

        /// <summary>What Get-/Stop-CasAwsCredentialServer call it (default: the role's name).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        protected override void ProcessRecord()
        {
            ServedRole served = ResolveServedRole("Start-CasAwsCredentialServer", RoleArn, Duration, RenewBefore);
            string name = Name ?? (served.RoleArn == null ? "default" : CasAwsRole.FromArn(served.RoleArn).RoleName);
            if (CredentialServers.Taken(StartedByThis, name, served.RoleArn) is CasAwsCredentialServer other) ThrowCasError(Exists(other));

            if (!ShouldProcess(served.RoleArn ?? served.Session.Server, "Serve credentials on 127.0.0.1 and renew them ahead of expiry: " + CostText(served)))
            {
                return;
            }

            CasAwsCredentialServer server = StartCredentialServer(served, name, StartedByThis);
            CasAwsCredentialServer? taken = CredentialServers.AddUnlessTaken(server);
            if (taken != null)
            {
                server.Dispose();
                ThrowCasError(Exists(taken));
            }

            WriteObject(server);
        }

        private static CasAwsException Exists(CasAwsCredentialServer other) =>
            new CasAwsException(ErrorIds.CredentialServerExists, CasAwsErrorKind.ResourceExists, other.Name,
                $"The endpoint '{other.Name}' already serves '{other.Role}' at {other.Url}. Use it (Get-CasAwsCredentialServer -Name '{other.Name}'), or stop it first.");
    }
}
