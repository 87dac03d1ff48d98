using System;
using System.Management.Automation;
using CasAws.Cas;
using CasAws.Credentials;
using CasAws.Errors;
using CasAws.Session;

namespace CasAws.Commands
{
    /// <summary>
    /// Logs in to CAS once (one Duo push), learns whether it hands out session tokens or roles (and
    /// which), caches any credentials it received, and keeps the session for the other cmdlets.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "CasAws")]
    [OutputType(typeof(CasAwsSession))]
    public sealed partial class ConnectCasAwsCommand : CasAwsConnectionCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNull]
        public Uri Server { get; set; } = null!;

        /// <summary>The role to use by default: a full ARN, or a name or pattern matched against the roles CAS lists.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RoleArnCompleter))]
        public string? RoleArn { get; set; }

        [Parameter]
        [DurationTransformation]
        public TimeSpan Duration { get; set; } = StsDurationRules.Default;

        protected override void ProcessRecord()
        {
            if (OpenIdConnect.IsPresent)
            {
                ConnectWithOpenIdConnect();
                return;
            }

            CasConnectionSettings settings = BuildSettings(Server);
            bool exactRole = RoleArn != null && CasAwsRole.LooksLikeArn(RoleArn);
            CheckDuration(Duration, roleMode: RoleArn != null, target: Duration);
            PSCredential credential = ObtainCredential(settings, null);
            var session = new CasAwsSession(settings, credential.UserName, credential.Password, Duration, BuildMfaOptions());

            var request = new CredentialRequest(Duration)
            {
                RoleArn = exactRole ? RoleArn!.Trim() : null,
                Passcode = Passcode,
                Token = Token,
                SerialNumber = SerialNumber,
            };
            WriteVerbose($"Connecting to {settings.EndpointUri} as {credential.UserName} ({request.Duration.TotalSeconds:0} s{(request.RoleArn != null ? ", role " + request.RoleArn : string.Empty)}).");
            WriteDebug($"Connect request: {request.Describe()}.");
            try
            {
                CredentialResult result = GetSessionCredential(session, request);
                WriteVerbose($"CAS handed out credentials (access key {result.Credential.AccessKey}, expires {result.Credential.Expiration:u}); they are cached in the session.");
                if (RoleArn != null && !exactRole)
                {
                    WriteWarning($"CAS handed out credentials without a role list (session-token mode or a single role), so -RoleArn '{RoleArn}' was not used.");
                }
            }
            catch (CasAwsException exception) when (exception.ErrorId == ErrorIds.RoleArnRequired)
            {
                WriteVerbose($"CAS offers {session.RoleCount} roles; choose one with Get-CasAwsRole or Get-CasAwsCredential -RoleArn.");
            }
            catch (CasAwsException exception) when (exception.ErrorId == ErrorIds.CasRoleNotAllowed)
            {
                // The login worked and the role list is known: keep the session so Get-CasAwsRole can show it.
                CasSessionStore.SetCurrent(session);
                ThrowCasError(SessionKept(exception, session));
            }
            catch (CasAwsException exception)
            {
                session.Wipe();
                ThrowCasError(exception);
            }

            if (RoleArn != null && !exactRole && session.KnownRoles != null)
            {
                try
                {
                    session.DefaultRoleArn = RoleArnResolver.Resolve(RoleArn, session.KnownRoles, session.Server);
                }
                catch (CasAwsException exception)
                {
                    CasSessionStore.SetCurrent(session);
                    ThrowCasError(SessionKept(exception, session));
                }
            }
            else if (exactRole)
            {
                session.DefaultRoleArn = RoleArn!.Trim();
            }

            CasSessionStore.SetCurrent(session);
            WriteObject(session);
        }

        /// <summary>The error of a login that worked but whose -RoleArn did not: it says the session was kept, without a default role, and what to do next.</summary>
        private static CasAwsException SessionKept(CasAwsException exception, CasAwsSession session) =>
            new CasAwsException(exception.ErrorId, exception.Category, exception.Target,
                exception.Message + Environment.NewLine +
                $"The login itself worked, so the session with {session.Server} was kept, without a default role: Get-CasAwsRole lists the roles, Get-CasAwsCredential -RoleArn <role> gets credentials for one of them (no new password prompt), and Disconnect-CasAws ends the session.",
                exception);
    }
}
