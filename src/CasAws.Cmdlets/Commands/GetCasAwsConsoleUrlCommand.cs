using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CasAws.Aws;
using CasAws.Browser;
using CasAws.Cas;
using CasAws.Credentials;
using CasAws.Errors;
using CasAws.Net;
using CasAws.Validation;
using CasAws.Waiting;

namespace CasAws.Commands
{
    /// <summary>
    /// Get-CasAwsConsoleUrl: an AWS console sign-in URL for role credentials, through the federation
    /// endpoint (getSigninToken, then the login URL), optionally opened in the browser, at a service's page
    /// in a region, for a console session of a chosen length, after a logout, in a browser profile per role.
    /// The URL signs whoever opens it in (for 15 minutes): it is output, never written to verbose or debug text.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CasAwsConsoleUrl", DefaultParameterSetName = DestinationSet)]
    [OutputType(typeof(string))]
    public sealed class GetCasAwsConsoleUrlCommand : CasAwsStsCmdlet
    {
        private const string DestinationSet = "Destination";
        private const string ServiceSet = "Service";

        /// <summary>How long the one-time sign-in page waits for the browser (a cold browser start can be slow).</summary>
        private static readonly TimeSpan BrowserWait = TimeSpan.FromMinutes(2);

        /// <summary>How long the page stays up after serving the link, to see a second fetch: the browser we started fetches at once.</summary>
        private static readonly TimeSpan SecondFetchWatch = TimeSpan.FromSeconds(3);

        /// <summary>The console page to land on; default the console home of the credentials' partition.</summary>
        [Parameter(Position = 0, ParameterSetName = DestinationSet)]
        [ValidateNotNull]
        public Uri? Destination { get; set; }

        /// <summary>A service's console page by short name (s3, ec2, iam, ...: the map in the help), in -Region.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ServiceSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ConsoleServiceCompleter))]
        public string? Service { get; set; }

        /// <summary>How long the console session lasts (the federation endpoint's SessionDuration), 15 minutes to 12 hours.</summary>
        [Parameter]
        [DurationTransformation]
        public TimeSpan? SessionDuration { get; set; }

        /// <summary>End the browser's current console session first (through the console's logout redirect), then sign in.</summary>
        [Parameter]
        public SwitchParameter LogoutFirst { get; set; }

        /// <summary>With -Open: a browser profile of CasAws's own, by a name that may hold {AccountId} and {RoleName}.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? BrowserProfile { get; set; }

        /// <summary>With -Open: the browser's command; default BROWSER, else the system's opener.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Browser { get; set; }

        /// <summary>The federation endpoint; default https://signin.aws.amazon.com/federation (or the China/GovCloud one).</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? FederationUrl { get; set; }

        /// <summary>Where the console sends the user when the session ends; default the CAS server the credentials came from.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? Issuer { get; set; }

        /// <summary>Open the URL in the default browser (or the BROWSER command) instead of outputting it.</summary>
        [Parameter]
        public SwitchParameter Open { get; set; }

        /// <summary>With -Open, also output the URL.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            try
            {
                CasAwsCredential credential = SourceCredential();
                string roleArn = RequireRoleCredential(credential);
                string partition = AwsArn.PartitionOf(roleArn) ?? AwsArn.PartitionOfRegion(credential.Region);
                Uri federation = CheckUrl(FederationUrl ?? FederationEndpoints.SignInFor(partition), "-FederationUrl");
                Uri destination = DestinationFor(credential, partition);
                Uri? issuer = Issuer != null ? CheckUrl(Issuer, "-Issuer") : credential.Origin?.Server;

                WriteVerbose("Federation endpoint: " + federation.GetLeftPart(UriPartial.Path)
                    + (SessionDuration is TimeSpan length ? "; console session " + StsDurationRules.Explain(length) : string.Empty));
                var signIn = new ConsoleSignIn(Net.HttpClientPool.Get(AwsTransport(credential), federation));
                string token;
                try
                {
                    token = WaitWithProgress(
                        cancel => signIn.GetSigninTokenAsync(federation, credential, SessionDuration, TimeSpan.FromSeconds(TimeoutSec), cancel),
                        WaitText.ConsoleActivity,
                        seconds => WaitText.StsStatus(seconds, "Getting a console sign-in token (" + federation.Host + ")"));
                }
                catch (FederationException failure)
                {
                    throw StsErrors.From(failure, federation);
                }

                Uri url = ConsoleSignIn.LoginUrl(federation, token, destination, issuer);
                if (LogoutFirst)
                {
                    Uri logout = FederationEndpoints.LogoutFor(federation);
                    WriteVerbose("-LogoutFirst: the URL goes through " + logout.GetLeftPart(UriPartial.Path) + "?Action=logout, which ends the browser's current console session, then signs in.");
                    url = ConsoleSignIn.LogoutThenLogin(logout, url);
                }

                if (Open)
                {
                    OpenInBrowser(url, roleArn);
                    WriteInformation(new HostInformationMessage { Message = $"Opened the AWS console ({destination.Host}) in the browser as {roleArn}." }, new[] { "PSHOST" });
                }

                if (!Open || PassThru)
                {
                    WriteObject(url.AbsoluteUri);
                }
            }
            catch (CasAwsException failure)
            {
                WriteCasError(failure);
            }
        }

        /// <summary>What can be checked without credentials is checked before any call: the session length, the service, the region.</summary>
        private protected override void CheckParameters()
        {
            if (SessionDuration is TimeSpan length && ConsoleSessionDuration.Problem(length) is string problem)
            {
                throw new CasAwsException(ErrorIds.ConsoleSessionDurationInvalid, CasAwsErrorKind.InvalidArgument, StsDurationRules.Describe(length), problem);
            }

            if (Service != null && ConsoleServices.PathOf(Service) == null)
            {
                throw new CasAwsException(ErrorIds.ConsoleServiceUnknown, CasAwsErrorKind.InvalidArgument, TerminalText.Visible(Service), ConsoleServices.UnknownMessage(Service));
            }

            if (Region != null && !StsEndpointResolver.IsRegion(Region))
            {
                throw new CasAwsException(ErrorIds.ConsoleRegionInvalid, CasAwsErrorKind.InvalidArgument, TerminalText.Visible(Region),
                    "-Region '" + TerminalText.Visible(Region) + "' is not an AWS region name (such as us-east-1 or eu-west-2).");
            }

            if ((BrowserProfile != null || Browser != null) && !Open)
            {
                WriteWarning("-BrowserProfile and -Browser apply only with -Open; the URL is output as usual.");
            }
        }

        /// <summary>
        /// The page to land on: -Service's page in -Region (else the credentials' region, else the partition's
        /// first), or -Destination (moved to -Region when given), never on a multi-session host.
        /// </summary>
        private Uri DestinationFor(CasAwsCredential credential, string partition)
        {
            if (Service != null)
            {
                string region = Region ?? (credential.Region != null && StsEndpointResolver.IsRegion(credential.Region) ? credential.Region : DefaultRegionOf(partition));
                return ConsoleDestination.ForService(Service, region, partition);
            }

            Uri destination = CheckUrl(Destination ?? FederationEndpoints.ConsoleHomeFor(partition), "-Destination");
            if (ConsoleDestination.WithoutMultiSessionHost(destination) is Uri plain)
            {
                WriteVerbose("-Destination named a multi-session console host, which the console assigns itself; using " + plain.Host + " instead.");
                destination = plain;
            }

            return Region != null ? ConsoleDestination.WithRegion(destination, Region, partition) : destination;
        }

        private static string DefaultRegionOf(string partition) =>
            partition == "aws-cn" ? "cn-north-1" : partition == "aws-us-gov" ? "us-gov-west-1" : "us-east-1";

        /// <summary>
        /// The federation endpoint takes only AssumeRole credentials. When CAS did not say which role the
        /// keys are for (session-token mode, or a single role), STS tells, before the keys go anywhere else.
        /// </summary>
        /// <returns>The role (or assumed-role) ARN the credentials act as.</returns>
        private string RequireRoleCredential(CasAwsCredential credential)
        {
            if (credential.AssumedRoleArn != null)
            {
                return credential.AssumedRoleArn;
            }

            StsService sts = StsFor(credential);
            CasAwsCallerIdentity identity = CallSts(sts, token => sts.GetCallerIdentityAsync(credential, token), "Asking STS who these credentials are");
            if (!identity.IsAssumedRole)
            {
                throw new CasAwsException(ErrorIds.ConsoleNeedsRoleCredentials, CasAwsErrorKind.InvalidArgument, identity.Arn,
                    "These are session-token credentials of " + identity.Arn + ", and the AWS console sign-in accepts only role credentials. "
                    + "Assume a role first, e.g. Get-CasAwsCredential | Get-CasAwsChainedCredential -RoleArn <role ARN> | Get-CasAwsConsoleUrl.");
            }

            return identity.Arn;
        }

        private static Uri CheckUrl(Uri url, string parameter)
        {
            if (UrlPolicy.IsAccepted(UrlPolicy.Check(url)))
            {
                return url;
            }

            string shown = UrlPolicy.Display(url.OriginalString);
            throw new CasAwsException(ErrorIds.ConsoleUrlInvalid, CasAwsErrorKind.InvalidArgument, shown,
                parameter + " must be an absolute https URL without a user name or password (plain http only for this computer), not '" + shown + "'.");
        }

        /// <summary>
        /// The browser is given a one-time page on 127.0.0.1 that redirects to the sign-in URL, never the URL
        /// itself: a command line is readable by every local user, and the URL signs its holder in. The page
        /// stays up a little after it was served, so a second fetch (whoever came first, the browser or a
        /// process that read its command line, got the link) is seen and reported.
        /// </summary>
        private void OpenInBrowser(Uri url, string roleArn)
        {
            BrowserProfile? profile = null;
            if (BrowserProfile != null)
            {
                try
                {
                    profile = Aws.BrowserProfile.ForRole(BrowserProfile, roleArn);
                }
                catch (ArgumentException problem)
                {
                    throw new CasAwsException(ErrorIds.BrowserOpenFailed, CasAwsErrorKind.InvalidArgument, TerminalText.Visible(BrowserProfile), TerminalText.Visible(problem.Message), problem);
                }

                WriteVerbose("Browser profile folder: " + profile.Directory);
            }

            using (LoopbackPageServer page = LoopbackPageServer.Start())
            {
                page.Publish(url);
                try
                {
                    BrowserLauncher.Open(page.PageAddress, Browser, profile);
                }
                catch (Exception problem) when (problem is InvalidOperationException || problem is System.IO.IOException || problem is UnauthorizedAccessException)
                {
                    throw new CasAwsException(ErrorIds.BrowserOpenFailed, CasAwsErrorKind.ResourceUnavailable, null,
                        problem.Message.TrimEnd().TrimEnd('.') + ". Run without -Open to get the URL, or set BROWSER to the browser's command.", problem);
                }

                bool served = WaitWithProgress(token => WaitForPageAsync(page, token), "Opening the AWS console", "Waiting for the browser to open the one-time sign-in page");
                if (page.Interference.IsCompleted)
                {
                    WriteWarning("Another process on this computer got in the way of the console sign-in: see the error.");
                    throw new CasAwsException(ErrorIds.ConsoleSignInPageInterference, CasAwsErrorKind.SecurityError, null,
                        page.Interference.Result == LoopbackInterference.AnotherUser
                            ? "Another local user tried to fetch the one-time sign-in page (it was refused), so CasAws closed it. Run the command again; if it happens again, tell your administrator."
                            : "The one-time sign-in page was fetched twice: another process on this computer (one that read the browser's command line) may hold a console sign-in link for these credentials, valid for 15 minutes. If your browser did not show the console, revoke the role's active sessions in IAM, and run the command again.");
                }

                if (!served)
                {
                    throw new CasAwsException(ErrorIds.ConsoleSignInPageNotOpened, CasAwsErrorKind.OperationTimeout, null,
                        $"The browser did not open the one-time sign-in page within {BrowserWait.TotalSeconds:0} seconds, so it is gone. Run the command again, or run without -Open to get the URL.");
                }

                WriteVerbose("The browser opened the one-time sign-in page; it redirected to the console sign-in and is gone.");
                if (page.Refused > 0)
                {
                    WriteWarning($"The one-time sign-in page turned away {page.Refused} other request(s) while it waited.");
                }
            }
        }

        /// <summary>False when nobody fetched the page in time; true once it was served and watched for a second fetch, or interfered with.</summary>
        private static async Task<bool> WaitForPageAsync(LoopbackPageServer page, CancellationToken cancellationToken)
        {
            Task nobody = Task.Delay(BrowserWait, cancellationToken);
            Task first = await Task.WhenAny(page.PageServed, page.Interference, nobody).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (first == nobody) return false;
            if (first == page.PageServed) await Task.WhenAny(page.Interference, Task.Delay(SecondFetchWatch, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return true;
        }
    }
}
