using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using CasAws.Cas;
using CasAws.Credentials;
using CasAws.Errors;
using CasAws.Session;

namespace CasAws.Commands
{
    /// <summary>
    /// Temporary AWS credentials for a role (or the session token), from the session's cache while
    /// they have life left, else from CAS. With -Server it works without Connect-CasAws (runbooks).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CasAwsCredential", SupportsShouldProcess = true)]
    [OutputType(typeof(CasAwsCredential))]
    public sealed partial class GetCasAwsCredentialCommand : CasAwsLoginCmdlet
    {
        /// <summary>A full role ARN, or a role name or pattern that matches exactly one known role.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RoleArnCompleter))]
        public string? RoleArn { get; set; }

        [Parameter]
        [DurationTransformation]
        public TimeSpan? Duration { get; set; }

        /// <summary>Fetch new credentials even when cached ones have life left (one more login and push).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The CAS base URL or the name of a saved connection, for use without Connect-CasAws (runbooks).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SavedConnectionCompleter))]
        public string? Server { get; set; }

        /// <summary>With -Server: the CAS user the password prompt asks for (ignored when -Credential is given).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? UserName { get; set; }

        private CasAwsSession? _runbookSession;
        private bool _passcodeSent;

        protected override void ProcessRecord()
        {
            if (!CheckStoreAs()) return;
            bool checkedBeforePassword = CheckRunbookRequest();
            CasAwsSession session = ResolveSession();
            TimeSpan duration = Duration ?? session.DefaultDuration;
            string? roleArn = ChooseRoleArn(session);
            if (!checkedBeforePassword)
            {
                CheckDuration(duration, roleMode: roleArn != null || session.Mode == CasAwsSessionMode.Roles, target: (object?)roleArn ?? session.Server);
            }
            if (!ConfirmStoreAs()) return;

            CasAwsCredential? credential = Obtain(session, roleArn, duration);
            if (credential == null) return;
            ReportIdentityFailures();
            StoreProfile(credential);
            WriteObject(credential);
        }

        protected override void ReleaseResources()
        {
            _runbookSession?.Wipe();
        }

        private CasAwsSession ResolveSession()
        {
            if (Server == null) return GetCasAwsRoleCommand.CurrentSessionOrThrow(this);
            if (_runbookSession != null) return _runbookSession;

            // Runbook mode: a session of its own for this pipeline, never stored or shared.
            Uri server = ResolveServer(Server, null);
            if (Saved?.OpenIdConnect == true)
            {
                ThrowCasError(new CasAwsException(ErrorIds.OidcParameterConflict, CasAwsErrorKind.InvalidArgument, Server,
                    $"The saved connection '{Saved.Name}' logs in with OpenID Connect in the browser: run Connect-CasAws -Name {Saved.Name}, then Get-CasAwsCredential without -Server."));
            }

            CasConnectionSettings settings = BuildSettings(server);
            PSCredential credential = ObtainCredential(settings, UserName ?? Saved?.UserName);
            _runbookSession = new CasAwsSession(settings, credential.UserName, credential.Password, Duration ?? Saved?.Duration ?? StsDurationRules.Default, BuildMfaOptions())
            {
                DefaultRoleArn = Saved?.RoleArn,
            };
            return _runbookSession;
        }

        /// <summary>
        /// Runbook mode, before its password is asked for: the role (no list is known yet, so only an exact
        /// ARN will do) and the duration. False when there is nothing to check yet (a session exists).
        /// </summary>
        private bool CheckRunbookRequest()
        {
            if (Server == null || _runbookSession != null) return false;
            string server = Server;
            if (RoleArn != null) Resolve(RoleArn, roles: null, server);
            CheckDuration(Duration ?? StsDurationRules.Default, roleMode: RoleArn != null, target: (object?)RoleArn ?? server);
            return true;
        }

        private string? ChooseRoleArn(CasAwsSession session)
        {
            if (RoleArn != null) return Resolve(RoleArn, session.KnownRoles, session.Server);
            if (session.DefaultRoleArn != null) return session.DefaultRoleArn;
            IReadOnlyList<CasAwsRole>? roles = session.KnownRoles;
            if (roles == null || roles.Count == 0) return null;
            if (roles.Count == 1) return roles[0].RoleArn;
            return PromptForRole(session, roles);
        }

        private string Resolve(string input, IReadOnlyList<CasAwsRole>? roles, string server)
        {
            try
            {
                string exact = RoleArnResolver.Resolve(input, roles, server);
                if (!string.Equals(exact, input.Trim(), StringComparison.Ordinal)) WriteVerbose($"-RoleArn '{input}' is {exact}.");
                return exact;
            }
            catch (CasAwsException exception)
            {
                ThrowCasError(exception);
                throw;
            }
        }

        private CasAwsCredential? Obtain(CasAwsSession session, string? roleArn, TimeSpan duration)
        {
            try
            {
                return Fetch(session, roleArn, duration);
            }
            catch (CasAwsException exception) when (exception.ErrorId == ErrorIds.RoleArnRequired && session.KnownRoles != null && HostIsInteractive())
            {
                // CAS listed the roles only now (runbook mode, or the session did not know them): ask which one.
                string chosen = PromptForRole(session, session.KnownRoles);
                WriteWarning("CAS needs the role in the request itself, so it is asked again: approve the next Duo push too.");
                return TryFetch(session, chosen, duration);
            }
            catch (CasAwsException exception)
            {
                WriteCasError(exception);
                return null;
            }
        }

        private CasAwsCredential? TryFetch(CasAwsSession session, string roleArn, TimeSpan duration)
        {
            try
            {
                return Fetch(session, roleArn, duration);
            }
            catch (CasAwsException exception)
            {
                WriteCasError(exception);
                return null;
            }
        }

        private CasAwsCredential Fetch(CasAwsSession session, string? roleArn, TimeSpan duration)
        {
            var request = new CredentialRequest(duration)
            {
                RoleArn = roleArn,
                Passcode = _passcodeSent ? null : Passcode,
                Mfa = session == _runbookSession || !MfaParametersGiven() ? null : BuildMfaOptions(session.Mfa),
                Token = Token,
                SerialNumber = SerialNumber,
                Force = Force.IsPresent,
            };
            AddIdentityEnricher(request, session);
            WriteDebug($"Credential request for {session.UserName} at {session.Settings.EndpointUri}: {request.Describe()}.");
            CredentialResult result;
            try
            {
                result = GetSessionCredential(session, request);
            }
            finally
            {
                // A code works once: later records of this pipeline (or a retry) get a push or a new prompt.
                _passcodeSent |= request.PasscodeSent;
            }

            string what = roleArn != null ? "role " + roleArn : "the session (CAS chose the role or session token)";
            WriteVerbose(result.FromCache
                ? string.Format(CultureInfo.InvariantCulture, "Reusing cached credentials for {0} (access key {1}, {2:0} minutes left).", what, result.Credential.AccessKey, result.Credential.TimeRemaining(DateTime.UtcNow).TotalMinutes)
                : string.Format(CultureInfo.InvariantCulture, "CAS handed out credentials for {0} (access key {1}, expires {2:u}).", what, result.Credential.AccessKey, result.Credential.Expiration));
            return result.Credential;
        }

        private bool MfaParametersGiven() => Given(nameof(MfaProvider)) || MfaAccount != null || DuoProviderId != null || Service != null;

        private string PromptForRole(CasAwsSession session, IReadOnlyList<CasAwsRole> roles)
        {
            if (!HostIsInteractive())
            {
                var arns = new List<string>();
                foreach (CasAwsRole role in roles) arns.Add(role.RoleArn);
                ThrowCasError(CasAnswerErrors.RoleRequired(session.Server, arns));
            }

            return RoleChoice.Ask(Host.UI, Connections.AccountAliasBook.For(session).Apply(roles), session.Server, () => ThrowCasError(new CasAwsException(ErrorIds.RoleChoiceCancelled, CasAwsErrorKind.OperationStopped, session.Server,
                "No role was chosen. Run the command again and enter a number from the list, or pass -RoleArn.")));
        }
    }
}
