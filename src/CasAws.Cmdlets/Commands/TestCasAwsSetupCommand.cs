using System;
using System.Collections.Generic;
using System.Management.Automation;
using CasAws.Cas;
using CasAws.Connections;
using CasAws.Credentials;
using CasAws.Diagnostics;
using CasAws.Errors;
using CasAws.Files;
using CasAws.Oidc;
using CasAws.Session;

namespace CasAws.Commands
{
    /// <summary>
    /// Test-CasAwsSetup: a doctor for the help desk. One object per check (server TLS, the awsSts endpoint's
    /// exposure, clock skew, OpenID Connect discovery, the AWS files, each profile's helper, the AWS CLI and
    /// AWS Tools), each with its status, what was found and the fix. It asks for no password and logs in
    /// nowhere unless -Login is given.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "CasAwsSetup")]
    [OutputType(typeof(SetupCheck))]
    public sealed class TestCasAwsSetupCommand : CasAwsConnectionCmdlet
    {
        /// <summary>The CAS server: its URL or a saved connection's name; default the session's server, else the default saved connection.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SavedConnectionCompleter))]
        public string? Server { get; set; }

        /// <summary>Also log in to CAS once (the password is asked for, or taken from -Credential; a Duo user gets a push) and report how it went.</summary>
        [Parameter]
        public SwitchParameter Login { get; set; }

        protected override void ProcessRecord()
        {
            foreach (SetupCheck check in ServerChecks())
            {
                WriteObject(check);
            }

            foreach (SetupCheck check in AwsFilesCheck.Check(AwsFileLocations.ConfigFile(), AwsFileLocations.CredentialsFile()))
            {
                WriteObject(check);
            }

            foreach (SetupCheck check in AwsToolsCheck.Check(Environment.GetEnvironmentVariable))
            {
                WriteObject(check);
            }
        }

        private IEnumerable<SetupCheck> ServerChecks()
        {
            Uri? server = Server != null ? ResolveServer(Server, null) : CasSessionStore.Current?.Settings.Server;
            if (server == null && ConnectionStore.ForCurrentUser().Load().Find(null) != null)
            {
                server = ResolveServer(null, null);
            }

            if (server == null)
            {
                yield return new SetupCheck("ServerTls", SetupCheckStatus.Skipped, "no CAS server to check: no -Server, no session and no saved connection",
                    "Run Test-CasAwsSetup -Server https://sso.example.org/cas (or a saved connection's name).");
                yield break;
            }

            // A CA bundle that is gone or unreadable is a finding, not the end of the doctor: BuildSettings would stop on it.
            if (!SkipCertificateCheck.IsPresent && new SettingLayers(piped: null, Saved, session: null).CaBundlePath(CaBundlePath, out _) is string caBundlePath)
            {
                SetupCheck bundle = CaBundleCheck.Check(SessionState.Path.GetUnresolvedProviderPathFromPSPath(caBundlePath), caBundlePath);
                yield return bundle;
                if (bundle.Status == SetupCheckStatus.Fail)
                {
                    yield return new SetupCheck("ServerTls", SetupCheckStatus.Skipped, $"{server.Host} was not asked: the CA bundle that would check its certificate cannot be read",
                        "Fix the CaBundle check, then run Test-CasAwsSetup again.");
                    yield break;
                }
            }

            CasConnectionSettings settings = BuildSettings(server);
            TimeSpan timeout = TimeSpan.FromSeconds(Math.Min(TimeoutSec, 30));
            IReadOnlyList<SetupCheck> probed = WaitWithProgress(
                cancel => CasServerProbe.ProbeAsync(settings, timeout, () => DateTimeOffset.UtcNow, cancel),
                "Checking the CasAws setup", "Asking " + server.Host + " (no login)");
            foreach (SetupCheck check in probed)
            {
                yield return check;
            }

            if (Login.IsPresent)
            {
                yield return LoginCheck(settings);
            }

            if (Saved?.OpenIdConnect == true)
            {
                Uri issuer = Saved.Issuer is string savedIssuer ? new Uri(savedIssuer) : OidcLoginService.DefaultIssuer(settings.Server);
                yield return WaitWithProgress(cancel => OidcDiscoveryCheck.CheckAsync(settings, issuer, cancel), "Checking the CasAws setup", "Reading " + issuer.Host + "'s OpenID Connect discovery");
            }
        }

        /// <summary>One CAS login, as Get-CasAwsCredential -Server makes it; the keys it brings are neither shown nor kept.</summary>
        private SetupCheck LoginCheck(CasConnectionSettings settings)
        {
            if ((Credential == null || Credential == PSCredential.Empty) && !HostIsInteractive())
            {
                return new SetupCheck("Login", SetupCheckStatus.Skipped, "no login was tried: -Login needs -Credential in a PowerShell that cannot prompt",
                    "Run Test-CasAwsSetup -Login -Credential (Get-Credential), or run it in an interactive PowerShell.");
            }

            PSCredential credential = ObtainCredential(settings, Saved?.UserName);
            var session = new CasAwsSession(settings, credential.UserName, credential.Password, Saved?.Duration ?? StsDurationRules.Default, BuildMfaOptions());
            try
            {
                GetSessionCredential(session, new CredentialRequest(session.DefaultDuration) { RoleArn = Saved?.RoleArn });
                return new SetupCheck("Login", SetupCheckStatus.Pass, $"{credential.UserName} logged in to {settings.ServerName}, and CAS handed out AWS credentials", null);
            }
            catch (CasAwsException exception) when (exception.ErrorId == ErrorIds.RoleArnRequired)
            {
                return new SetupCheck("Login", SetupCheckStatus.Pass, $"{credential.UserName} logged in to {settings.ServerName}; CAS offers {session.RoleCount} roles", null);
            }
            catch (CasAwsException exception)
            {
                return new SetupCheck("Login", SetupCheckStatus.Fail, $"{exception.ErrorId}: the login of {credential.UserName} failed", exception.Message);
            }
            finally
            {
                session.Wipe();
            }
        }
    }
}
