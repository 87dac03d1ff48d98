using System;
using System.Management.Automation;
using CasAws.AwsEnvironment;
using CasAws.Credentials;
using CasAws.CredentialServer;
using CasAws.Errors;

namespace CasAws.Commands
{
    /// <summary>
    /// Writes the commands that put credentials into another shell's environment (PowerShell, bash/zsh,
    /// cmd.exe, fish): the same variables Invoke-CasAwsCommand sets and clears. The output holds the
    /// secret key and token: it is meant for that shell, not for a log.
    /// </summary>
    [Cmdlet(VerbsData.ConvertTo, "CasAwsEnvironment", DefaultParameterSetName = CredentialSet)]
    [OutputType(typeof(string))]
    public sealed class ConvertToCasAwsEnvironmentCommand : CasAwsCmdlet
    {
        private const string CredentialSet = "Credential";
        private const string ServerSet = "Server";

        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = CredentialSet)]
        [ValidateNotNull]
        public CasAwsCredential? InputObject { get; set; }

        /// <summary>A credential endpoint from Start-CasAwsCredentialServer: its URL and token instead of fixed keys.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ServerSet)]
        [ValidateNotNull]
        public CasAwsCredentialServer? Server { get; set; }

        /// <summary>The shell whose syntax to write.</summary>
        [Parameter(Position = 0)]
        public CasAwsShell Shell { get; set; } = CasAwsShell.PowerShell;

        protected override void ProcessRecord()
        {
            if (Server != null)
            {
                Write(Server.EnvironmentVariables(Environment.GetEnvironmentVariable));
                return;
            }

            CasAwsCredential credential = InputObject!;
            if (credential.Expiration <= DateTime.UtcNow)
            {
                WriteError(new ErrorRecord(new InvalidOperationException(
                        $"The credentials {credential.AccessKey} expired at {credential.Expiration:yyyy-MM-dd HH:mm:ss}Z. Get new ones with Get-CasAwsCredential."),
                    ErrorIds.CredentialExpired, ErrorCategory.InvalidData, credential.AccessKey));
                return;
            }

            Write(AwsEnvironmentVariables.For(credential));
        }

        private void Write(System.Collections.Generic.IReadOnlyList<System.Collections.Generic.KeyValuePair<string, string?>> variables)
        {
            try
            {
                WriteObject(ShellSyntax.Commands(Shell, variables), enumerateCollection: true);
            }
            catch (ArgumentException exception)
            {
                WriteError(new ErrorRecord(exception, ErrorIds.ShellValueUnsafe, ErrorCategory.InvalidData, Shell));
            }
        }
    }
}
