using System;
using System.IO;
using System.Text;

namespace CasAws.CredentialProcess
{
    /// <summary>
    /// credential_process = "&lt;path&gt;/CasAws.CredentialProcess" --profile NAME [--server URL] [--role-arn ARN]
    /// Prints the cached credentials of profile NAME as the AWS credential_process JSON, or exits 1 with one
    /// line on stderr saying what to run in PowerShell to log in again. Never prompts, never reads stdin.
    /// </summary>
    internal static class Program
    {
        internal const int Success = 0;
        internal const int NoCredentials = 1;
        internal const int UsageError = 2;

        private static int Main(string[] args)
        {
            if (!CommandLine.TryParse(args, out CommandLine? commandLine, out string? usageProblem))
            {
                WriteError("CasAws credential_process: " + usageProblem
                    + " Usage: CasAws.CredentialProcess --profile NAME [--server URL] [--role-arn ARN]. Re-create the profile with Register-CasAwsProfile.");
                return UsageError;
            }

            CredentialCacheAnswer answer = CredentialCacheAnswer.For(commandLine!, Cache.CredentialCacheStore.ForCurrentUser(), DateTime.UtcNow);
            if (answer.Json is not null)
            {
                using Stream stdout = Console.OpenStandardOutput();
                byte[] bytes = Encoding.UTF8.GetBytes(answer.Json);
                stdout.Write(bytes, 0, bytes.Length);
                return Success;
            }

            WriteError(answer.Problem!);
            return NoCredentials;
        }

        private static void WriteError(string line)
        {
            using Stream stderr = Console.OpenStandardError();
            byte[] bytes = Encoding.UTF8.GetBytes(line + "\n");
            stderr.Write(bytes, 0, bytes.Length);
        }
    }
}
