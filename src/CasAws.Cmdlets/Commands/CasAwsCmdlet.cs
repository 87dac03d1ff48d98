using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Security;
using CasAws.Cache;
using CasAws.Cas;
using CasAws.Credentials;
using CasAws.Session;
using CasAws.Waiting;
using System.Threading;
using System.Threading.Tasks;
using CasAws.Errors;
using CasAws.Net;

namespace CasAws.Commands
{
    /// <summary>
    /// What every CasAws cmdlet shares: Ctrl+C cancels <see cref="StopToken"/>, a bridge that waits
    /// for async work on the pipeline thread while showing progress, ErrorRecord helpers, and the
    /// "may we prompt?" check.
    /// </summary>
    public abstract partial class CasAwsCmdlet : PSCmdlet, IDisposable
    {
        private const int ProgressActivityId = 0x0CA5;

        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline is stopped.</summary>
        protected CancellationToken StopToken => _stopping.Token;

        /// <summary>PowerShell calls this once it is done with the command, also after Ctrl+C or an error.</summary>
        public void Dispose()
        {
            ReleaseResources();
            _stopping.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>In a host that cannot prompt, -Debug (or $DebugPreference = 'Inquire') must not turn our messages into prompts that fail the command.</summary>
        protected override void BeginProcessing()
        {
            if (!HostIsInteractive()) NonInteractiveDebug.KeepFromPrompting(CommandRuntime, MyInvocation.BoundParameters);
            try
            {
                CheckParameters();
            }
            catch (CasAwsException failure)
            {
                ThrowCasError(failure);
            }
        }

        /// <summary>What a command can check of its parameters before any call; a failure ends the command before the pipeline's first input.</summary>
        private protected virtual void CheckParameters()
        {
        }

        /// <summary>Wipes what the command held for its own use (e.g. a runbook's password copy).</summary>
        protected virtual void ReleaseResources()
        {
        }

        protected override void StopProcessing()
        {
            try
            {
                _stopping.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // the cmdlet already finished
            }
        }

        /// <summary>Waits for a CAS call (a login, and maybe a Duo push) with the progress line that says so.</summary>
        private protected T WaitForCas<T>(string server, Func<CancellationToken, Task<T>> operation, bool pushPossible = true) =>
            WaitWithProgress(operation, WaitText.CasActivity, seconds => WaitText.CasStatus(seconds, server, pushPossible));

        /// <summary>A wait whose status is fixed text: the seconds waited and how to cancel go first.</summary>
        protected T WaitWithProgress<T>(Func<CancellationToken, Task<T>> operation, string activity, string status) =>
            WaitWithProgress(operation, activity, seconds => WaitText.StsStatus(seconds, status));

        /// <summary>
        /// Runs <paramref name="operation"/> off the pipeline thread and waits for it here, writing a
        /// progress record with the seconds elapsed (<paramref name="status"/> of them) once the wait passes
        /// <see cref="WaitTicker.ShowAfter"/>, and clearing it at the end. Ctrl+C cancels the operation and stops the pipeline at once.
        /// </summary>
        protected T WaitWithProgress<T>(Func<CancellationToken, Task<T>> operation, string activity, Func<double, string> status)
        {
            CancellationToken token = StopToken;
            Task<T> task = Task.Run(() => operation(token), token);
            WaitTicker.Wait(task, new ProgressBar(this, activity, status), token);
            if (token.IsCancellationRequested && (task.IsCanceled || task.IsFaulted)) throw new PipelineStoppedException();
            return task.GetAwaiter().GetResult();
        }

        /// <summary>A wait shown as this command's progress bar.</summary>
        private sealed class ProgressBar : IWaitRenderer
        {
            private readonly CasAwsCmdlet _cmdlet;
            private readonly ProgressRecord _record;
            private readonly Func<double, string> _status;

            public ProgressBar(CasAwsCmdlet cmdlet, string activity, Func<double, string> status)
            {
                _cmdlet = cmdlet;
                _record = new ProgressRecord(ProgressActivityId, activity, activity);
                _status = status;
            }

            public void Show(double secondsWaited)
            {
                _record.StatusDescription = _status(secondsWaited);
                _cmdlet.WriteProgress(_record);
            }

            public void Clear() => _cmdlet.CompleteProgress(_record);
        }

        /// <summary>Says how the duration was understood (-Verbose) and refuses one STS would refuse, before any login.</summary>
        protected TimeSpan CheckDuration(TimeSpan duration, bool roleMode, object? target)
        {
            WriteVerbose("Duration: " + StsDurationRules.Explain(duration) + ".");
            return StopOnCasError(() => StsDurationRules.Require(duration, roleMode, target ?? duration));
        }

        /// <summary>
        /// Credentials for <paramref name="request"/> from the session's cache, else one CAS call. When the
        /// session's MFA provider needs a code and none is at hand, an interactive host is asked for one
        /// (masked) before CAS is called; any other host gets the MfaPasscodeRequired error, still before the call.
        /// </summary>
        internal CredentialResult GetSessionCredential(CasAwsSession session, CredentialRequest request)
        {
            var service = new CasCredentialService(session, CredentialCacheFiller.ForCurrentUser);
            int logins = service.CasLoginsFor(request);
            WriteVerbose(logins == 0
                ? $"This costs no CAS login (cached keys or OpenID Connect); the session has made {session.CasLogins} so far."
                : $"This costs 1 CAS login ({(PushPossible(session, request) ? "a Duo push" : "no push")}); the session has made {session.CasLogins} so far.");
            CredentialResult result;
            try
            {
                result = WaitForCas(session.Server, token => service.GetCredentialAsync(request, token), PushPossible(session, request));
            }
            catch (CasAwsException exception) when (exception.ErrorId == ErrorIds.MfaPasscodeRequired && HostIsInteractive())
            {
                request.Passcode = PromptForMfaCode((request.Mfa ?? session.Mfa).Provider, session.Server);
                request.PasscodeSent = false;
                result = WaitForCas(session.Server, token => service.GetCredentialAsync(request, token), pushPossible: false);
            }

            WriteAfterLoginWarnings(result);
            return result;
        }

        /// <summary>Only a Duo login without a passcode brings a push; a code provider or an OpenID Connect session never does.</summary>
        internal static bool PushPossible(CasAwsSession session, CredentialRequest request) =>
            session.OpenIdConnect is null && request.Passcode is null && (request.Mfa ?? session.Mfa).Provider == CasMfaProvider.Duo;

        /// <summary>Asks for a one-time code without echoing it; an empty answer stops the command.</summary>
        internal SecureString PromptForMfaCode(CasMfaProvider provider, string server)
        {
            string prompt = $"{provider.DisplayName()} code for {server} ({provider.CodeDescription()}): ";
            SecureString code;
            if (RedirectedConsolePrompt.Applies(Host))
            {
                // Output goes to a file (pwsh -Command ... > creds.sh): the question goes to the terminal.
                code = RedirectedConsolePrompt.AskSecret(prompt);
            }
            else
            {
                Host.UI.Write(prompt);
                code = Host.UI.ReadLineAsSecureString();
            }

            if (code == null || code.Length == 0)
            {
                code?.Dispose();
                ThrowCasError(new CasAwsException(ErrorIds.MfaPasscodeRequired, CasAwsErrorKind.InvalidArgument, server,
                    $"No {provider.DisplayName()} code was entered, so nothing was sent to CAS. Run the command again and enter the code, or pass it with -Passcode."));
            }

            code!.MakeReadOnly();
            return code;
        }

        /// <summary>Shows what failed after CAS answered (cache, profile, DPAPI): the credentials themselves were not lost.</summary>
        internal void WriteAfterLoginWarnings(Credentials.CredentialResult result)
        {
            foreach (string warning in result.Warnings) WriteWarning(warning);
        }

        /// <summary>Stops the command with the exception's id, category and target.</summary>
        protected void ThrowCasError(CasAwsException exception) => ThrowTerminatingError(exception.ToErrorRecord());

        /// <summary><paramref name="call"/>'s result; a <see cref="CasAwsException"/> from it stops the command with its error record.</summary>
        internal T StopOnCasError<T>(Func<T> call)
        {
            try
            {
                return call();
            }
            catch (CasAwsException failure)
            {
                ThrowCasError(failure);
                throw; // not reached: ThrowCasError throws
            }
        }

        /// <summary>Reports the failure and lets the pipeline go on with the next input.</summary>
        protected void WriteCasError(CasAwsException exception) => WriteError(exception.ToErrorRecord());

        /// <summary>
        /// False when nobody can answer a prompt: pwsh -NonInteractive, a runspace without a host
        /// (PowerShell.Create()), a service. Then commands fail and name the parameter to pass.
        /// </summary>
        protected bool HostIsInteractive()
        {
            if (!Environment.UserInteractive) return false;
            if (Host?.UI == null || string.Equals(Host.Name, "Default Host", StringComparison.OrdinalIgnoreCase)) return false;
            foreach (string argument in Environment.GetCommandLineArgs())
            {
                if (IsNonInteractiveSwitch(argument)) return false;
            }

            return true;
        }

        internal static bool IsNonInteractiveSwitch(string argument)
        {
            if (argument.Length < 2 || (argument[0] != '-' && argument[0] != '/')) return false;
            string name = argument.TrimStart('-', '/');
            return name.Length >= 4 && "noninteractive".StartsWith(name, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>-Proxy as given, once it is known to be a usable proxy URL (PowerShell binds any text to a relative Uri).</summary>
        private protected Uri? CheckProxy(Uri? proxy)
        {
            return StopOnCasError(() => TransportSettings.RequireProxyUrl(proxy));
        }

        /// <summary>The proxy login, still protected: a copy of the SecureString, never a plain string.</summary>
        private protected static ProxyCredential? ToProxyCredential(PSCredential? credential) =>
            credential == null || credential == PSCredential.Empty ? null : new ProxyCredential(credential.UserName, credential.Password);

        /// <summary>The full path of a readable PEM bundle named by <paramref name="source"/> (-CaBundlePath or AWS_CA_BUNDLE); stops the command otherwise.</summary>
        private protected string LoadCaBundle(string path, string source = "-CaBundlePath")
        {
            return StopOnCasError(() => CertificateBundle.Checked(SessionState.Path.GetUnresolvedProviderPathFromPSPath(path), path, source));
        }

        /// <summary>
        /// Trust and proxy for calls to AWS: <paramref name="given"/> (this command's parameters), else
        /// AWS_CA_BUNDLE, else the CAS session's (see <see cref="TransportSettings.ForAws"/>).
        /// </summary>
        private protected TransportSettings AwsTransportFrom(TransportSettings given, TransportSettings? session)
        {
            return StopOnCasError(() => TransportSettings.ForAws(given, session, Environment.GetEnvironmentVariable, SessionState.Path.GetUnresolvedProviderPathFromPSPath));
        }

        private void CompleteProgress(ProgressRecord progress)
        {
            try
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
            catch (PipelineStoppedException)
            {
                // the pipeline is being stopped: nothing to clear
            }
        }
    }
}
