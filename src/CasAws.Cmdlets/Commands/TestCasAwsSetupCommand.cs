using System;
using System.Collections.Generic;
using System.Management.Automation;
using CasAws.Cas;
using CasAws.Connections;
using CasAws.Diagnostics;
using CasAws.Files;
using CasAws.Session;

namespace CasAws.Commands
{
    /// <summary>
    /// Test-CasAwsSetup: a doctor for the help desk. One object per check (server TLS, the awsSts endpoint's
    /// exposure, clock skew, OpenID Connect discovery, the AWS files, each profile's helper, the AWS CLI and
    /// AWS Tools), each with its status, what was found and the fix. It never asks for a password and never logs in.
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

            if (Saved?.OpenIdConnect == true)
            {
                var issuer = new Uri(Saved.Issuer ?? settings.ServerName + "/oidc");
                yield return WaitWithProgress(cancel => OidcDiscoveryCheck.CheckAsync(settings, issuer, cancel), "Checking the CasAws setup", "Reading " + issuer.Host + "'s OpenID Connect discovery");
            }
        }
    }
}
