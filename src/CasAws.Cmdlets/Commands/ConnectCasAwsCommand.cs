using System;
using System.IO;
using System.Management.Automation;
using CasAws.Aws;
using CasAws.Cas;
using CasAws.Connections;
using CasAws.Credentials;
using CasAws.Errors;
using CasAws.Oidc;
using CasAws.Session;

namespace CasAws.Commands
{
    /// <summary>
    /// Logs in to CAS once (one Duo push), learns whether it hands out session tokens or roles (and
    /// which), caches any credentials it received, and keeps the session for the other cmdlets.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "CasAws")]
    [OutputType(typeof(CasAwsSession))]
    public sealed partial class ConnectCasAwsCommand : CasAwsLoginCmdlet
    {
        /// <summary>The CAS base URL, or the name of a saved connection; without it, the saved connection last used.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SavedConnectionCompleter))]
        public string? Server { get; set; }

        /// <summary>The name this connection is saved under (default: the saved connection used, else the server's host name).</summary>
        [Parameter]
        [Alias("ConnectionName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SavedConnectionCompleter))]
        public string? Name { get; set; }

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
            if (Name != null && !SavedConnectionNames.IsValid(Name))
            {
                ThrowCasError(new CasAwsException(ErrorIds.ConnectionNameInvalid, CasAwsErrorKind.InvalidArgument, Name,
                    $"'{Name}' cannot name a connection. Use letters, digits, '.', '_' and '-' (up to 64, starting with a letter or digit), e.g. -Name work."));
            }

            // Connect-CasAws -Name X alone reconnects X; with -Server URL it names what is saved.
            Uri server = ResolveServer(Server, Server == null ? Name : null);
            if (Server == null && Name == null && Saved != null)
            {
                // Connect-CasAws alone: say which of the saved connections it chose (the default, the last one used).
                string who = Saved.OpenIdConnect ? "a browser login" : Saved.UserName ?? "no saved user";
                WriteInformation(new HostInformationMessage { Message = $"Using the saved connection '{Saved.Name}' ({who} at {Saved.Server}); Get-CasAwsConnection lists the others." }, new[] { "PSHOST" });
            }

            if (OpenIdConnect.IsPresent || Saved?.OpenIdConnect == true)
            {
                ConnectWithOpenIdConnect(server);
                return;
            }

            RoleArn = RoleArn ?? Saved?.RoleArn;
            if (!MyInvocation.BoundParameters.ContainsKey(nameof(Duration)) && Saved?.Duration is TimeSpan savedDuration) Duration = savedDuration;
            CasConnectionSettings settings = BuildSettings(server);
            bool exactRole = RoleArn != null && AwsArn.LooksLikeArn(RoleArn);
            CheckDuration(Duration, roleMode: RoleArn != null, target: Duration);
            PSCredential credential = ObtainCredential(settings, UserName ?? Saved?.UserName);
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
                KeepAndSave(session);
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
                    KeepAndSave(session);
                    ThrowCasError(SessionKept(exception, session));
                }
            }
            else if (exactRole)
            {
                session.DefaultRoleArn = RoleArn!.Trim();
            }

            KeepAndSave(session);
            WriteObject(session);
        }

        /// <summary>The error of a login that worked but whose -RoleArn did not: it says the session was kept, without a default role, and what to do next.</summary>
        private static CasAwsException SessionKept(CasAwsException exception, CasAwsSession session) =>
            new CasAwsException(exception.ErrorId, exception.Kind, exception.Target,
                exception.Message + Environment.NewLine +
                $"The login itself worked, so the session with {session.Server} was kept, without a default role: Get-CasAwsRole lists the roles, Get-CasAwsCredential -RoleArn <role> gets credentials for one of them (no new password prompt), and Disconnect-CasAws ends the session.",
                exception);

        /// <summary>
        /// Remembers what the next Connect-CasAws needs besides the secrets. Never the password, a code, keys,
        /// an OpenID Connect token, -SkipCertificateCheck or the proxy's user and password. An OpenID Connect
        /// login keeps only its non-secret client id, issuer, role claim and the user it was told to expect. A failure to save is a warning: the login worked.
        /// </summary>
        /// <summary>
        /// The one step after a login, whatever came next (success, a role CAS refused, an unknown role name):
        /// the session becomes current for every runspace and its settings are saved for the next Connect-CasAws.
        /// </summary>
        private void KeepAndSave(CasAwsSession session)
        {
            CasSessionStore.SetCurrent(session);
            SaveConnection(session);
        }

        private void SaveConnection(CasAwsSession session)
        {
            CasConnectionSettings settings = session.Settings;
            bool oidc = session.OpenIdConnect != null;
            var connection = new SavedConnection
            {
                Name = Name ?? Saved?.Name ?? SavedConnectionNames.FromServer(settings.Server),
                Server = settings.ServerName,
                EndpointPath = settings.EndpointPath == CasConnectionSettings.DefaultEndpointPath ? null : settings.EndpointPath,
                UserName = oidc ? UserName : session.UserName,
                MfaProvider = session.Mfa.Provider,
                MfaAccount = session.Mfa.Account,
                DuoProviderId = session.Mfa.DuoProviderId,
                Service = session.Mfa.Service,
                CaBundlePath = settings.CaBundlePath,
                Proxy = settings.Proxy == null ? null : new UriBuilder(settings.Proxy) { UserName = string.Empty, Password = string.Empty }.Uri.AbsoluteUri,
                RoleArn = session.DefaultRoleArn,
                Duration = Duration == StsDurationRules.Default ? (TimeSpan?)null : Duration,
                OpenIdConnect = oidc,
                ClientId = oidc && ClientId != DefaultClientId ? ClientId : null,
                Issuer = oidc ? Issuer?.AbsoluteUri : null,
                RoleClaim = oidc && RoleClaim != OidcRoles.DefaultClaim ? RoleClaim : null,
            };
            try
            {
                // A login that named no saved connection (-Server URL, or Connect-CasAws alone) never replaces another
                // user's or login kind's connection: Core updates the one of the same server, user and kind, or adds one.
                bool nameGiven = Name != null || (Saved != null && Server != null);
                ConnectionSaveResult saved = ConnectionStore.ForCurrentUser().Save(connection, StopToken, nameGiven);
                if (saved.Problem != null) SavedConnectionReport.Warn(this, saved.Problem);
                string who = oidc ? "the browser login" : session.UserName;
                string reconnect = $"Connect-CasAws{(saved.Name == Saved?.Name ? string.Empty : " -Name " + saved.Name)} reconnects with these settings, {(oidc ? "logging in in the browser" : "asking only for the password" + (session.Mfa.Provider.NeedsCode() ? " and the code" : string.Empty))}.";
                if (!nameGiven && !saved.Replaced && saved.OthersForServer.Count > 0)
                {
                    WriteWarning($"Saved {who} for {settings.ServerName} as the new connection '{saved.Name}'; the connection{(saved.OthersForServer.Count == 1 ? string.Empty : "s")} '{string.Join("', '", saved.OthersForServer)}' for that server (another user or login kind) {(saved.OthersForServer.Count == 1 ? "was" : "were")} kept as saved. {reconnect} Pass -Name to choose the name.");
                }
                else
                {
                    WriteVerbose($"{(saved.Replaced ? "Updated" : "Saved")} the connection '{saved.Name}' ({who} at {settings.ServerName}): {reconnect}");
                }
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException || exception is TimeoutException)
            {
                WriteWarning($"{ErrorIds.ConnectionNotSaved}: you are connected, but the connection settings could not be saved ({exception.Message}). Next time pass -Server again.");
            }
        }
    }
}
