using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using CasAws.Cache;
using CasAws.Cas;
using CasAws.Credentials;
using CasAws.Errors;
using CasAws.Files;
using CasAws.Net;
using CasAws.Validation;
using CasAws.Waiting;

namespace CasAws.CredentialProcess
{
    /// <summary>
    /// A login to CAS at the terminal when the cache has nothing usable: it says which server, user and
    /// role, asks for the password without echo, then for the profile's MFA code (or waits visibly for the
    /// Duo push), fills the cache (for
    /// every profile of the same server and role, which the cmdlets see too) and prints the JSON.
    /// One login per profile at a time across processes: the others wait for it and use its result.
    /// </summary>
    internal sealed class TerminalLogin
    {
        /// <summary>How long a second 'aws' command waits for the login another one is doing.</summary>
        public static readonly TimeSpan OtherLoginWait = TimeSpan.FromMinutes(5);


        private readonly CredentialProcessArguments _arguments;
        private readonly CredentialCacheStore _store;
        private readonly Terminal _terminal;
        private readonly Action<string> _writeOutput;
        private readonly Action<string> _writeErrorLine;

        /// <param name="writeOutput">Where the credential_process JSON goes (standard output; tests pass their own).</param>
        /// <param name="writeErrorLine">Where the one-line failure goes (standard error; tests pass their own).</param>
        public TerminalLogin(CredentialProcessArguments arguments, CredentialCacheStore store, Terminal terminal,
            Action<string>? writeOutput = null, Action<string>? writeErrorLine = null)
        {
            _arguments = arguments;
            _store = store;
            _terminal = terminal;
            _writeOutput = writeOutput ?? StandardStreams.WriteOutput;
            _writeErrorLine = writeErrorLine ?? StandardStreams.WriteErrorLine;
        }

        private string Profile => _arguments.Profile;

        public int Run()
        {
            using (var cancelKeys = new CancelKeys(_terminal))
            {
                try
                {
                    string lockKey = _store.EntryPath(Profile);
                    CrossProcessLock? held = CrossProcessLock.TryAcquire(lockKey);
                    if (held is null)
                    {
                        return WaitForOtherLogin(lockKey, cancelKeys.Token);
                    }

                    using (held)
                    {
                        // Another command may have logged in between the cache read and the lock.
                        CredentialCacheAnswer answer = CredentialCacheAnswer.For(_arguments, _store, DateTime.UtcNow);
                        if (answer.Json is not null)
                        {
                            _writeOutput(answer.Json);
                            return Program.Success;
                        }

                        if (!_terminal.IsForeground)
                        {
                            return Fail(answer.Problem + " (This command runs in the background of its terminal, where CasAws cannot ask for the password.)");
                        }

                        return LogIn(cancelKeys.Token);
                    }
                }
                catch (OperationCanceledException) when (cancelKeys.Pressed)
                {
                    // The AWS CLI is interrupted too and may not show stderr any more: say it on the terminal as well.
                    string line = $"CasAws: the login for AWS profile '{Profile}' was cancelled; nothing was cached.";
                    _terminal.RestoreEcho();
                    _terminal.WriteLine(Environment.NewLine + line);
                    _writeErrorLine(line);
                    return Program.Cancelled;
                }
                catch (IOException exception)
                {
                    return Fail($"CasAws could not log in for AWS profile '{Profile}': {exception.Message}");
                }
                catch (CasAwsException refused)
                {
                    return Fail($"CasAws: AWS profile '{Profile}': {refused.Message}");
                }
            }
        }

        private int WaitForOtherLogin(string lockKey, CancellationToken cancellation)
        {
            bool show = _terminal.IsForeground;
            if (show)
            {
                // On a line of its own: the other command's password prompt may be on this same terminal, waiting.
                _terminal.WriteLine(Environment.NewLine + $"CasAws: another command is logging in for AWS profile '{Profile}' (answer its prompt if it shows one); waiting for it (up to {OtherLoginWait.TotalMinutes:0} minutes, Ctrl+C cancels)...");
            }

            var waited = Stopwatch.StartNew();
            CrossProcessLock? held;
            while ((held = CrossProcessLock.TryAcquire(lockKey)) is null)
            {
                if (waited.Elapsed > OtherLoginWait)
                {
                    return Fail($"CasAws: another command has been logging in for AWS profile '{Profile}' for more than {OtherLoginWait.TotalMinutes:0} minutes; finish or stop it, then run this command again.");
                }

                cancellation.WaitHandle.WaitOne(200);
                cancellation.ThrowIfCancellationRequested();
            }

            using (held)
            {
                CredentialCacheAnswer answer = CredentialCacheAnswer.For(_arguments, _store, DateTime.UtcNow);
                if (answer.Json is null)
                {
                    return Fail($"CasAws: the login another command did for AWS profile '{Profile}' did not succeed, so this command has no credentials either. {answer.Problem}");
                }

                if (show)
                {
                    _terminal.WriteLine($"CasAws: using the credentials the other command obtained for AWS profile '{Profile}'.");
                }

                _writeOutput(answer.Json);
                return Program.Success;
            }
        }

        private int LogIn(CancellationToken cancellation)
        {
            CredentialCacheEntry? entry = _store.Read(Profile);
            string? serverText = _arguments.Server ?? entry?.Server;
            string? roleArn = _arguments.RoleArn ?? entry?.RoleArn;
            if (!UrlPolicy.IsAccepted(UrlPolicy.Check(serverText, out Uri? server)) || server is null)
            {
                return Fail($"CasAws: AWS profile '{Profile}' names no https CAS server to log in to. Register it again: Register-CasAwsProfile {Profile} -Server <CAS URL>.");
            }

            TimeSpan duration = _arguments.Duration ?? StsDurationRules.Default;
            string? durationProblem = StsDurationRules.Check(duration, roleMode: roleArn is not null);
            if (durationProblem is not null)
            {
                return Fail($"CasAws: AWS profile '{Profile}': {durationProblem}");
            }

            if (!TryMfaOptions(out CasMfaOptions mfa))
            {
                return Fail($"CasAws: AWS profile '{Profile}' names the MFA provider '{_arguments.MfaProvider}', which CasAws does not know (Duo, GoogleAuthenticator, YubiKey or Simple). Register it again with Register-CasAwsProfile {Profile} -MfaProvider <provider>.");
            }

            CasConnectionSettings settings = Settings(server);
            _terminal.WriteLine($"CasAws: AWS profile '{Profile}' needs a new login to CAS at {settings.ServerName}"
                + (roleArn is null ? "." : $" for role {roleArn}."));
            string? userName = _arguments.UserName;
            if (userName is null)
            {
                userName = _terminal.ReadLine("CAS user name: ", cancellation);
                if (string.IsNullOrEmpty(userName))
                {
                    return Fail($"CasAws: no CAS user name was entered for AWS profile '{Profile}'; nothing was sent.");
                }
            }

            using (SecureString? password = _terminal.ReadSecret($"Password for {userName}: ", cancellation))
            {
                if (password is null || password.Length == 0)
                {
                    return Fail($"CasAws: no password was entered for AWS profile '{Profile}'; nothing was sent.");
                }

                CasAnswer answer;
                bool needsCode = mfa.Provider.NeedsCode();
                using (SecureString? code = needsCode ? _terminal.ReadSecret($"{mfa.Provider.DisplayName()} code ({mfa.Provider.CodeDescription()}): ", cancellation) : null)
                {
                    if (needsCode && (code is null || code.Length == 0))
                    {
                        return Fail($"CasAws: no {mfa.Provider.DisplayName()} code was entered for AWS profile '{Profile}'; nothing was sent.");
                    }

                    var request = new CasRequest(userName, password, duration) { RoleArn = roleArn, Passcode = code };
                    mfa.ApplyTo(request);
                    answer = WaitVisibly(new CasStsClient(settings).SendAsync(request, cancellation), pushExpected: !needsCode, cancellation);
                }

                if (!answer.IsSuccess)
                {
                    string message = needsCode && answer.Kind == CasAnswerKind.AuthenticationFailed
                        ? $"CAS at {settings.ServerName} answered 'Authentication failed' for user '{userName}': the password is wrong, or the {mfa.Provider.DisplayName()} code was wrong, expired or already used. Run the command again with a fresh code."
                            + CasAnswerMessages.MfaAccountHint(mfa.Provider, codeSent: true, accountSent: mfa.Account != null, "--mfa-account")
                        : CasAnswerMessages.Message(answer, settings, userName, roleArn, duration);
                    return Fail($"CasAws could not log in for AWS profile '{Profile}': " + OneLine(message));
                }

                CredentialCacheEntry filled = Fill(entry, ServerKey.Normalize(settings.Server), roleArn, userName, answer, duration);
                _terminal.WriteLine(string.Format(CultureInfo.InvariantCulture, "CasAws: logged in; the credentials for AWS profile '{0}' are valid until {1:HH:mm} UTC.", Profile, filled.Expiration));
                _writeOutput(CredentialCacheAnswer.ToJson(filled));
                return Program.Success;
            }
        }

        private CasConnectionSettings Settings(Uri server)
        {
            var settings = new CasConnectionSettings(server, _arguments.EndpointPath)
            {
                Timeout = _arguments.Timeout ?? CasConnectionSettings.DefaultTimeout,
            };
            _arguments.ApplyTransportTo(settings);
            return settings;
        }

        /// <summary>Waits for CAS (which holds the request while a Duo push is pending), counting the seconds on the terminal.</summary>
        private CasAnswer WaitVisibly(Task<CasAnswer> call, bool pushExpected, CancellationToken cancellation)
        {
            WaitTicker.Wait(call, new TerminalLine(_terminal, pushExpected), cancellation, pollMilliseconds: 250);
            return call.GetAwaiter().GetResult();
        }

        /// <summary>A wait shown as one line the terminal rewrites in place.</summary>
        private sealed class TerminalLine : IWaitRenderer
        {
            private readonly Terminal _terminal;
            private readonly bool _pushExpected;
            private string _shown = string.Empty;

            public TerminalLine(Terminal terminal, bool pushExpected)
            {
                _terminal = terminal;
                _pushExpected = pushExpected;
            }

            public void Show(double secondsWaited)
            {
                _shown = WaitText.TerminalStatus(secondsWaited, _pushExpected);
                _terminal.Write("\r" + _shown);
            }

            public void Clear() => _terminal.Write("\r" + new string(' ', _shown.Length) + "\r");
        }

        /// <summary>
        /// Caches the keys for this profile and every other one registered for the same server, role and CAS user,
        /// except where the cached keys outlive the new ones.
        /// </summary>
        private CredentialCacheEntry Fill(CredentialCacheEntry? entry, string serverKey, string? roleArn, string userName, CasAnswer answer, TimeSpan duration)
        {
            CasCredentialsBody keys = answer.Credentials!;
            string? accountId = roleArn is null ? null : CasAwsRole.FromArn(roleArn).AccountId;
            CredentialCacheEntry own = entry is not null && entry.Server == serverKey && entry.RoleArn == roleArn
                ? entry
                : new CredentialCacheEntry(Profile, serverKey, roleArn);
            own = own.WithKeys(keys.AccessKeyId, keys.SecretAccessKey, keys.SessionToken, answer.SentAtUtc + duration, string.IsNullOrEmpty(accountId) ? null : accountId);
            try
            {
                _store.Write(own);
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException || exception is System.ComponentModel.Win32Exception)
            {
                _terminal.WriteLine($"CasAws: the credentials could not be cached ({exception.Message}); the next command will ask again.");
                return own;
            }

            // The other profiles of this server, role and user: the same rule the module fills them by.
            var credential = new CasAwsCredential(own.AccessKeyId!, own.SecretAccessKey!, own.SessionToken!, own.Expiration) { AccountId = own.AccountId };
            var origin = new CredentialOrigin(new Uri(serverKey), userName, roleArn, duration);
            CredentialCacheFiller.FillMatching(_store, credential, origin, exceptProfile: Profile,
                problem => _terminal.WriteLine("CasAws: " + TerminalText.Visible(problem)));

            return own;
        }

        /// <summary>The profile's MFA provider and options (Duo, a push, when it names none); false for a provider CasAws does not know.</summary>
        private bool TryMfaOptions(out CasMfaOptions mfa)
        {
            bool known = CasMfaOptions.TryParseProvider(_arguments.MfaProvider, out CasMfaProvider? provider);
            mfa = CasMfaOptions.Merge(provider, _arguments.MfaAccount, _arguments.DuoProviderId, _arguments.Service, known: null);
            return known;
        }

        private int Fail(string line)
        {
            _writeErrorLine(line);
            return Program.NoCredentials;
        }

        private static string OneLine(string text)
        {
            string[] lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                lines[i] = lines[i].Trim();
            }

            return string.Join(" ", lines);
        }
    }
}
