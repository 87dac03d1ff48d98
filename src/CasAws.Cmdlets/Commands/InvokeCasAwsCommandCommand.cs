using System;
using System.Management.Automation;
using CasAws.AwsEnvironment;
using CasAws.Credentials;
using CasAws.CredentialServer;
using CasAws.Errors;
using CasAws.Session;

namespace CasAws.Commands
{
    /// <summary>
    /// Runs a script block or an external command with the credentials in the environment variables the
    /// AWS CLI and SDKs read (and the variables that could override them cleared), then restores every
    /// variable as it was, also after an error or Ctrl+C. Runs in different runspaces take turns. With
    /// -KeepFresh the variables point at a loopback endpoint that renews the credentials ahead of expiry.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "CasAwsCommand", DefaultParameterSetName = ScriptBlockSet)]
    [OutputType(typeof(object))]
    public sealed class InvokeCasAwsCommandCommand : CasAwsCmdlet
    {
        private const string ScriptBlockSet = "ScriptBlock";
        private const string FilePathSet = "FilePath";

        /// <summary>Invokes the command in a child scope, so its own variables stay inside, like the call operator.</summary>
        private const string Runner = "param($casAwsCommand, $casAwsArguments) & $casAwsCommand @casAwsArguments";

        /// <summary>The credentials to run with, from Get-CasAwsCredential; without them, the session's are used.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNull]
        public CasAwsCredential? InputObject { get; set; }

        /// <summary>Without piped credentials: the role to get them for from the Connect-CasAws session (ARN, name or unique pattern).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RoleArnCompleter))]
        public string? RoleArn { get; set; }

        /// <summary>Without piped credentials: how long they should last (default: the session's).</summary>
        [Parameter]
        [DurationTransformation]
        public TimeSpan? Duration { get; set; }

        /// <summary>PowerShell to run; it can call 'aws' and AWS Tools cmdlets alike.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ScriptBlockSet)]
        [ValidateNotNull]
        public ScriptBlock? ScriptBlock { get; set; }

        /// <summary>An external program (or any command name) to run instead of a script block.</summary>
        [Parameter(Mandatory = true, ParameterSetName = FilePathSet)]
        [ValidateNotNullOrEmpty]
        public string? FilePath { get; set; }

        /// <summary>
        /// Serve the credentials from a loopback endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI) that renews them
        /// ahead of expiry, instead of fixed keys: for work that outlives -Duration. Gone when the command ends.
        /// </summary>
        [Parameter]
        public SwitchParameter KeepFresh { get; set; }

        /// <summary>With -KeepFresh: renew when this much time is left (default 10 minutes).</summary>
        [Parameter]
        [DurationTransformation]
        public TimeSpan? RenewBefore { get; set; }

        /// <summary>Arguments for the script block or the program.</summary>
        [Parameter(Position = 1, ValueFromRemainingArguments = true)]
        [Alias("Args")]
        public object[] ArgumentList { get; set; } = Array.Empty<object>();

        protected override void ProcessRecord()
        {
            if (KeepFresh)
            {
                RunWithEndpoint();
                return;
            }

            CasAwsCredential credential = InputObject ?? SessionCredential();
            if (credential.Expiration <= DateTime.UtcNow)
            {
                WriteError(new ErrorRecord(new InvalidOperationException(
                        $"The credentials {credential.AccessKey} expired at {credential.Expiration:yyyy-MM-dd HH:mm:ss}Z. Get new ones with Get-CasAwsCredential."),
                    ErrorIds.CredentialExpired, ErrorCategory.InvalidData, credential.AccessKey));
                return;
            }

            using (EnterEnvironment(AwsEnvironmentVariables.For(credential)))
            {
                Run();
            }
        }

        private void Run()
        {
            object command = ParameterSetName == FilePathSet ? FilePath! : ScriptBlock!;
            InvokeCommand.InvokeScript(Runner, true, System.Management.Automation.Runspaces.PipelineResultTypes.Output, null, command, ArgumentList);
        }

        /// <summary>The block runs with the endpoint's two variables; the endpoint stops when it ends, however it ends.</summary>
        private void RunWithEndpoint()
        {
            if (InputObject != null)
            {
                ThrowCasError(new CasAwsException(ErrorIds.KeepFreshNeedsSession, CasAwsErrorKind.InvalidArgument, InputObject.AccessKey,
                    "-KeepFresh renews credentials from the Connect-CasAws session; piped keys cannot be renewed. Leave out the pipeline and pass -RoleArn."));
            }

            ServedRole served = ResolveServedRole("Invoke-CasAwsCommand -KeepFresh { ... }", RoleArn, Duration, RenewBefore);
            CasAwsCredentialServer server = StartCredentialServer(served, "Invoke-CasAwsCommand", "Invoke-CasAwsCommand -KeepFresh");
            CredentialServers.Add(server);
            try
            {
                using (EnterEnvironment(server.EnvironmentVariables(Environment.GetEnvironmentVariable)))
                {
                    Run();
                }
            }
            finally
            {
                CredentialServers.Stop(server);
            }
        }

        /// <summary>
        /// The environment is process-wide: runs in other runspaces wait here until this one has restored it
        /// (see <see cref="ScopedEnvironment"/>), so none ever sees another's keys. Ctrl+C ends the wait.
        /// </summary>
        private ScopedEnvironment EnterEnvironment(System.Collections.Generic.IReadOnlyList<System.Collections.Generic.KeyValuePair<string, string?>> variables)
        {
            try
            {
                return ScopedEnvironment.Enter(variables, StopToken,
                    () => WriteVerbose("Waiting for Invoke-CasAwsCommand in another runspace to finish: the environment variables are shared by the whole process, so runs take turns."));
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>Credentials from the current session (its cache, else one CAS call), as Get-CasAwsCredential would get them.</summary>
        private CasAwsCredential SessionCredential()
        {
            try
            {
                CasAwsSession session = CasSessionStore.RequireCurrent("Invoke-CasAwsCommand { ... }");
                string? roleArn = RoleArn is null ? session.DefaultRoleArn : RoleArnResolver.Resolve(RoleArn, session.KnownRoles, session.Server);
                TimeSpan duration = CheckDuration(Duration ?? session.DefaultDuration, roleMode: roleArn != null || session.Mode == CasAwsSessionMode.Roles, target: (object?)roleArn ?? session.Server);
                var request = new CredentialRequest(duration) { RoleArn = roleArn };
                return GetSessionCredential(session, request).Credential;
            }
            catch (CasAwsException exception)
            {
                ThrowCasError(exception);
                throw;
            }
        }
    }
}
