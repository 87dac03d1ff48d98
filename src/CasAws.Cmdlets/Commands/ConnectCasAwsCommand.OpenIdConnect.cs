using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Runtime.InteropServices;
using CasAws.Aws;
using CasAws.Cas;
using CasAws.Credentials;
using CasAws.Errors;
using CasAws.Oidc;
using CasAws.Session;

namespace CasAws.Commands
{
    /// <summary>Connect-CasAws -OpenIdConnect: the login in the user's browser, for AssumeRoleWithWebIdentity.</summary>
    public sealed partial class ConnectCasAwsCommand
    {
        private const string DefaultClientId = "casaws";

        /// <summary>Log in through CAS's OpenID Connect provider in the browser instead of CAS's awsSts endpoint.</summary>
        [Parameter]
        public SwitchParameter OpenIdConnect { get; set; }

        /// <summary>The client id CAS's OIDC service for CasAws is registered with.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ClientId { get; set; } = DefaultClientId;

        /// <summary>The OIDC issuer; default {Server}/oidc (CAS's cas.authn.oidc.core.issuer).</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? Issuer { get; set; }

        /// <summary>The claim that lists the role ARNs (from the id_token, else from userinfo).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string RoleClaim { get; set; } = OidcRoles.DefaultClaim;

        /// <summary>The CAS user: with -OpenIdConnect the one expected to log in in the browser (sent as login_hint; an id_token for anyone else is refused), else the one the password prompt asks for. Default: the saved connection's user.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? UserName { get; set; }

        /// <summary>The 127.0.0.1 port the login comes back to (for SSH forwarding: ssh -L N:127.0.0.1:N); default any free port.</summary>
        [Parameter]
        [ValidateRange(1, 65535)]
        public int RedirectPort { get; set; }

        /// <summary>Start no browser and no listener: show the login URL, and read back the address the browser (on any computer) ended on.</summary>
        [Parameter]
        public SwitchParameter NoBrowser { get; set; }

        private void ConnectWithOpenIdConnect(Uri server)
        {
            if (Credential != null || Passcode != null || Token != null || SerialNumber != null)
            {
                ThrowCasError(new CasAwsException(ErrorIds.OidcParameterConflict, CasAwsErrorKind.InvalidArgument, server,
                    OpenIdConnect.IsPresent
                        ? "-OpenIdConnect logs in in the browser, where CAS asks for the password and every second factor itself: leave out -Credential, -Passcode, -Token and -SerialNumber."
                        : $"The saved connection '{Saved!.Name}' logs in with -OpenIdConnect in the browser, where CAS asks for the password and every second factor itself: leave out -Credential, -Passcode, -Token and -SerialNumber, or pass -Server with the CAS URL (and -Name {Saved.Name} to replace the saved connection) to log in with a password."));
            }

            // A saved OpenID Connect connection fills in what was not given (all non-secret).
            if (Saved != null)
            {
                UserName = UserName ?? Saved.UserName;
                if (!Given(nameof(ClientId)) && Saved.ClientId != null) ClientId = Saved.ClientId;
                if (!Given(nameof(RoleClaim)) && Saved.RoleClaim != null) RoleClaim = Saved.RoleClaim;
                if (Issuer == null && Saved.OpenIdConnect && Saved.Issuer != null) Issuer = new Uri(Saved.Issuer);
                RoleArn = RoleArn ?? Saved.RoleArn;
                if (!Given(nameof(Duration)) && Saved.Duration is TimeSpan savedDuration) Duration = savedDuration;
            }

            CasConnectionSettings settings = BuildSettings(server);
            var request = new OidcLoginRequest(settings, ClientId, RoleClaim)
            {
                Issuer = Issuer,
                ExpectedUser = UserName,
                RedirectPort = RedirectPort,
                PastedRedirect = NoBrowser.IsPresent,
                BrowserWait = TimeSpan.FromSeconds(TimeoutSec),
            };
            var seams = new OidcLoginSeams(this, settings.ServerName);
            OidcLoginResult result = new OidcLoginService(seams, seams, seams).Login(request);
            if (result.IsError)
            {
                ThrowCasError(result.Error!);
                return;
            }

            OidcIdentity identity = result.Identity!;
            if (UserName == null)
            {
                // Nobody said whom to expect: the user sees whom the browser logged in, before using the keys.
                WriteInformation(new HostInformationMessage { Message = result.Summary }, new[] { "PSHOST" });
            }
            else
            {
                WriteVerbose(result.Summary);
            }

            WebIdentityCredentials.CacheForHelper(settings, identity);
            var session = new CasAwsSession(settings, identity, Duration);
            IReadOnlyList<string> roles = result.Roles;
            if (roles.Count > 0) session.LearnRoles(roles);
            WriteVerbose(roles.Count > 0
                ? $"The login of {identity.Claims.UserName} lists {roles.Count} role(s) in claim '{RoleClaim}'; the id_token is valid until {identity.ExpiresUtc:u}."
                : $"The login of {identity.Claims.UserName} has no role ARNs in claim '{RoleClaim}'; pass full role ARNs to Get-CasAwsCredential -RoleArn.");
            if (RoleArn != null)
            {
                try
                {
                    session.DefaultRoleArn = AwsArn.LooksLikeArn(RoleArn) ? RoleArn.Trim() : RoleArnResolver.Resolve(RoleArn, session.KnownRoles, session.Server);
                }
                catch (CasAwsException exception)
                {
                    KeepAndSave(session);
                    ThrowCasError(exception);
                }
            }

            KeepAndSave(session);
            WriteObject(session);
        }

        /// <summary>The login service's seams as this command: the progress bar and Ctrl+C, the browser, the pasted address.</summary>
        private sealed class OidcLoginSeams : IOidcBrowser, IOidcRedirectPrompt, IOidcLoginWait
        {
            private readonly ConnectCasAwsCommand _command;
            private readonly string _server;

            public OidcLoginSeams(ConnectCasAwsCommand command, string server)
            {
                _command = command;
                _server = server;
            }

            public T Wait<T>(Func<System.Threading.CancellationToken, System.Threading.Tasks.Task<T>> step, string status) =>
                _command.WaitWithProgress(step, "Logging in to " + _server + " in the browser", status);

            public void Open(Uri loginPage) => _command.ShowLoginPage(loginPage);

            public string AskForRedirect(Uri authorization) => _command.AskForRedirect(authorization, _server);
        }

        /// <summary>
        /// Opens the browser on the one-time page where there is one (BROWSER, a desktop); otherwise, or when
        /// that fails, shows the page's address to open (through an SSH forward of -RedirectPort from elsewhere).
        /// </summary>
        private void ShowLoginPage(Uri page)
        {
            if (BrowserAvailable())
            {
                try
                {
                    BrowserLauncher.Open(page);
                    WriteVerbose("Opened the CAS login in the browser.");
                    return;
                }
                catch (InvalidOperationException problem)
                {
                    WriteWarning("Could not open a browser: " + problem.Message);
                }
            }

            WriteInformation(new HostInformationMessage
            {
                Message = "Open this one-time address in a browser on this computer to log in to CAS (from another computer: ssh -L "
                    + page.Port + ":127.0.0.1:" + page.Port + " to this one first, or run again with -NoBrowser):" + Environment.NewLine + page.AbsoluteUri,
            }, new[] { "PSHOST" });
        }

        /// <summary>-NoBrowser: shows the login URL and reads the address the browser ended on, without echo (it holds the login code).</summary>
        private string AskForRedirect(Uri authorization, string server)
        {
            if (!HostIsInteractive())
            {
                throw new CasAwsException(ErrorIds.OidcPastedUrlInvalid, CasAwsErrorKind.InvalidOperation, server,
                    "-NoBrowser needs an interactive host to read back the address the browser ended on; run it in an interactive PowerShell, or leave out -NoBrowser.");
            }

            Host.UI.WriteLine("Open this URL in a browser on any computer and log in to CAS:");
            Host.UI.WriteLine(authorization.AbsoluteUri);
            Host.UI.WriteLine("The browser then fails to load a page on 127.0.0.1 (nothing listens there). Paste the whole address from its address bar here (it is not shown):");
            using (System.Security.SecureString typed = Host.UI.ReadLineAsSecureString())
            {
                return new System.Net.NetworkCredential(string.Empty, typed).Password;
            }
        }

        private static bool BrowserAvailable()
        {
            if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(BrowserLauncher.BrowserVariable))) return true;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) return true;
            return !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY"));
        }
    }
}
