using System;
using CasAws.Cache;

namespace CasAws.CredentialProcess
{
    /// <summary>
    /// credential_process = "&lt;path&gt;/CasAws.CredentialProcess" --profile NAME [--server URL] [--role-arn ARN] [login settings]
    /// Prints the cached credentials of profile NAME as the AWS credential_process JSON. When none are usable
    /// and the process has a terminal, it logs in to CAS there (<see cref="TerminalLogin"/>); without one it
    /// exits 1 at once with one line on stderr saying what to run in PowerShell. Never reads stdin.
    /// </summary>
    internal static class Program
    {
        internal const int Success = 0;
        internal const int NoCredentials = 1;
        internal const int UsageError = 2;
        internal const int Cancelled = 130;

        private static int Main(string[] args)
        {
            if (!CredentialProcessArguments.TryParse(args, out CredentialProcessArguments? arguments, out string? usageProblem))
            {
                StandardStreams.WriteErrorLine("CasAws credential_process: " + usageProblem
                    + " Usage: " + CredentialProcessArguments.Usage + ". Re-create the profile with Register-CasAwsProfile.");
                return UsageError;
            }

            CredentialCacheStore store = CredentialCacheStore.ForCurrentUser();
            CredentialCacheAnswer answer = CredentialCacheAnswer.For(arguments!, store, DateTime.UtcNow);
            if (answer.Json is null && !answer.CacheUntrusted)
            {
                // An OpenID Connect login in the private cache renews the role keys without a prompt.
                if (WebIdentityRenewal.TryRenew(arguments!, store, DateTime.UtcNow, out string? renewalProblem))
                {
                    answer = CredentialCacheAnswer.For(arguments!, store, DateTime.UtcNow);
                }
                else if (renewalProblem is not null)
                {
                    StandardStreams.WriteErrorLine(renewalProblem);
                    return NoCredentials;
                }
            }

            if (answer.Json is not null)
            {
                StandardStreams.WriteOutput(answer.Json);
                return Success;
            }

            using (Terminal? terminal = Terminal.TryOpen())
            {
                // A browser login's profile never asks for a password: CAS may not even offer awsSts.
                if (terminal is null || answer.CacheUntrusted || answer.NeedsBrowserLogin)
                {
                    StandardStreams.WriteErrorLine(answer.Problem!);
                    return NoCredentials;
                }

                return new TerminalLogin(arguments!, store, terminal).Run();
            }
        }
    }
}
