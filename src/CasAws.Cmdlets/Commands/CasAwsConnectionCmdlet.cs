using System;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Security;
using CasAws.Cas;
using CasAws.Connections;
using CasAws.Errors;
using CasAws.Net;

namespace CasAws.Commands
{
    /// <summary>
    /// The parameters that say how to reach and log in to CAS, shared by Connect-CasAws, Get-CasAwsCredential
    /// (for runbooks without a session) and Test-CasAwsSetup. Each cmdlet declares -Server itself; the AWS-side
    /// MFA a credential request carries is <see cref="CasAwsLoginCmdlet"/>'s.
    /// </summary>
    public abstract class CasAwsConnectionCmdlet : CasAwsCmdlet
    {
        /// <summary>The path of CAS's awsSts endpoint below -Server.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string EndpointPath { get; set; } = CasConnectionSettings.DefaultEndpointPath;

        /// <summary>The CAS user name and password.</summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>The one-time code of the CAS MFA provider (-MfaProvider): a Duo passcode instead of a push, a Google Authenticator code, a YubiKey OTP or a CAS Simple MFA token. Used by one request only.</summary>
        [Parameter]
        [SecureStringTransformation]
        public SecureString? Passcode { get; set; }

        /// <summary>The CAS MFA provider the account uses: Duo (default), GoogleAuthenticator, YubiKey or Simple.</summary>
        [Parameter]
        public CasMfaProvider MfaProvider { get; set; }

        /// <summary>Google Authenticator: the id of the registered device to check the code against (CAS's 'gauthacct').</summary>
        [Parameter]
        [ValidatePattern(CasMfaOptions.AccountPattern)]
        public string? MfaAccount { get; set; }

        /// <summary>Duo: the id of the Duo provider when the CAS has one that is not 'mfa-duo' (CAS's 'provider').</summary>
        [Parameter]
        [ValidatePattern(CasMfaOptions.DuoProviderIdPattern)]
        public string? DuoProviderId { get; set; }

        /// <summary>The application URL CAS's per-service MFA policies match (CAS's 'service').</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Service { get; set; }

        /// <summary>Seconds to wait for CAS, which holds the request open while a Duo push is pending.</summary>
        [Parameter]
        [ValidateRange(ConnectionSettingRules.MinTimeoutSeconds, ConnectionSettingRules.MaxTimeoutSeconds)]
        public int TimeoutSec { get; set; } = (int)CasConnectionSettings.DefaultTimeout.TotalSeconds;

        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>A PEM file of extra CA certificates to trust (company CA, TLS-inspecting proxy, test CA).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CaBundlePath { get; set; }

        [Parameter]
        public Uri? Proxy { get; set; }

        [Parameter]
        [Credential]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>The saved connection this command runs with (-Server NAME, or Connect-CasAws alone), or null.</summary>
        private protected SavedConnection? Saved { get; private set; }

        /// <summary>
        /// The CAS URL to use: -Server when it is an http(s) URL; else the saved connection it (or
        /// <paramref name="name"/>, or, with neither, the default one) names, whose settings then fill in
        /// every parameter not given. A missing or unknown connection is ConnectionNotFound; text that is
        /// neither a URL nor a possible connection name (sso.example.org/cas) is ServerUrlInvalid.
        /// </summary>
        private protected Uri ResolveServer(string? server, string? name)
        {
            if (server != null && SavedConnectionReport.IsUrl(server))
            {
                if (!Uri.TryCreate(server, UriKind.Absolute, out Uri? url))
                {
                    string shown = UrlPolicy.Display(server);
                    ThrowCasError(new CasAwsException(ErrorIds.ServerUrlInvalid, CasAwsErrorKind.InvalidArgument, shown,
                        $"'{shown}' is not a CAS URL. Pass the CAS base URL with -Server, e.g. https://sso.example.org/cas."));
                }

                return url!;
            }

            if (server != null && !SavedConnectionNames.IsValid(server))
            {
                ThrowCasError(new CasAwsException(ErrorIds.ServerUrlInvalid, CasAwsErrorKind.InvalidArgument, server,
                    $"'{server}' is not a CAS URL: -Server needs the full https URL of the CAS base, e.g. https://{server.TrimStart('/')}, or the name of a saved connection."));
            }

            Saved = SavedConnectionReport.Find(this, server ?? name);
            return new Uri(Saved.Server);
        }

        private protected bool Given(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);

        /// <summary>Validates the connection parameters and turns them into settings; warns about unsafe choices.</summary>
        private protected CasConnectionSettings BuildSettings(Uri server)
        {
            string target = UrlPolicy.Display(server.OriginalString);
            UrlVerdict verdict = UrlPolicy.Check(server);
            if (verdict == UrlVerdict.NotHttpUrl)
            {
                string example = server.IsAbsoluteUri ? "https://sso.example.org/cas" : "https://" + target.TrimStart('/');
                ThrowCasError(new CasAwsException(ErrorIds.ServerUrlInvalid, CasAwsErrorKind.InvalidArgument, target,
                    $"'{target}' is not a CAS URL: -Server needs the full https URL of the CAS base, e.g. {example}."));
            }

            var layers = new SettingLayers(piped: null, Saved, session: null);
            CasConnectionSettings settings;
            try
            {
                settings = new CasConnectionSettings(server, layers.EndpointPath(Given(nameof(EndpointPath)) ? EndpointPath : null) ?? EndpointPath)
                {
                    Timeout = TimeSpan.FromSeconds(TimeoutSec),
                    SkipCertificateCheck = SkipCertificateCheck.IsPresent,
                    Proxy = CheckProxy(layers.Proxy(Proxy)),
                    ProxyCredential = ToProxyCredential(ProxyCredential),
                };
            }
            catch (CasAwsException refused)
            {
                ThrowCasError(refused);
                throw;
            }

            if (verdict == UrlVerdict.PlainHttpToLoopback)
            {
                WriteWarning($"'{target}' uses plain http; this is accepted only because the server is on this computer.");
            }

            if (Proxy != null && TransportSettings.GoesDirect(server))
            {
                WriteVerbose($"-Proxy is not used for '{target}': plain http goes only to this computer, and never through a proxy, which would read the password.");
            }

            if (SkipCertificateCheck.IsPresent)
            {
                WriteWarning($"-SkipCertificateCheck: the certificate of {server.Host} is not checked, so anyone on the network path could read your password. Use it only for a test server; for a private CA use -CaBundlePath.");
            }
            else if (layers.CaBundlePath(CaBundlePath, out _) is string caBundlePath)
            {
                settings.CaBundlePath = LoadCaBundle(caBundlePath, "-CaBundlePath");
            }

            return settings;
        }

        /// <summary>
        /// The password and user name, prompting only when the host is interactive, and only once CAS is
        /// known to be reachable (a TLS or proxy problem is reported before the password is typed).
        /// </summary>
        private protected PSCredential ObtainCredential(CasConnectionSettings settings, string? userName)
        {
            if (Credential != null && Credential != PSCredential.Empty) return Credential;
            if (!HostIsInteractive())
            {
                ThrowCasError(new CasAwsException(ErrorIds.CredentialRequired, CasAwsErrorKind.InvalidArgument, settings.ServerName,
                    $"A CAS user name and password are needed for {settings.ServerName}, and this PowerShell cannot prompt for them (non-interactive). Pass them with -Credential (a PSCredential, e.g. from your secret vault)."));
            }

            try
            {
                WaitForCas(settings.ServerName, token => CasConnectionCheck.RequireReachableAsync(settings, token), pushPossible: false);
            }
            catch (CasAwsException unreachable)
            {
                ThrowCasError(unreachable);
            }

            string message = $"User name and password for {settings.ServerName}";
            PSCredential? prompted = RedirectedConsolePrompt.Applies(Host)
                ? RedirectedConsolePrompt.Ask("CAS login", message, userName)
                : Host.UI.PromptForCredential("CAS login", message, userName ?? string.Empty, string.Empty);
            if (prompted == null || string.IsNullOrEmpty(prompted.UserName))
            {
                ThrowCasError(new CasAwsException(ErrorIds.CredentialRequired, CasAwsErrorKind.InvalidArgument, settings.ServerName,
                    "No credential was entered. Pass one with -Credential, or enter the user name and password when asked."));
            }

            return prompted!;
        }

        /// <summary>The MFA options from the parameters, on top of <paramref name="saved"/> (a saved connection or a session).</summary>
        private protected CasMfaOptions BuildMfaOptions(CasMfaOptions? known = null) =>
            known != null
                ? CasMfaOptions.Merge(Given(nameof(MfaProvider)) ? MfaProvider : null, MfaAccount, DuoProviderId, Service, known, WriteWarning)
                : new SettingLayers(piped: null, Saved, session: null).Mfa(Given(nameof(MfaProvider)) ? MfaProvider : null, MfaAccount, DuoProviderId, Service, WriteWarning);
    }
}
