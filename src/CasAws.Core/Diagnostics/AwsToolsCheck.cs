using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using CasAws.Validation;

namespace CasAws.Diagnostics
{
    /// <summary>Whether the AWS CLI (on PATH, its --version) and the AWS Tools for PowerShell (on PSModulePath, their versions) are there.</summary>
    internal static class AwsToolsCheck
    {
        private static readonly TimeSpan VersionWait = TimeSpan.FromSeconds(20);
        private static readonly string[] ToolsModules = { "AWS.Tools.Common", "AWSPowerShell.NetCore", "AWSPowerShell" };

        public static IReadOnlyList<SetupCheck> Check(Func<string, string?> environment) => new[] { Cli(environment), Tools(environment) };

        internal static SetupCheck Cli(Func<string, string?> environment)
        {
            string? aws = FindOnPath(environment("PATH"), RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? new[] { "aws.exe", "aws.cmd" } : new[] { "aws" });
            if (aws == null)
            {
                return new SetupCheck("AwsCli", SetupCheckStatus.Warning, "the AWS CLI (aws) is not on PATH",
                    "Install AWS CLI version 2 (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html) to use the registered profiles from a shell; PowerShell alone does not need it.");
            }

            var start = new ProcessStartInfo(aws, "--version") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, CreateNoWindow = true };
            try
            {
                using (Process process = Process.Start(start)!)
                {
                    // AWS CLI v1 prints its version on stderr, v2 on stdout.
                    var output = process.StandardOutput.ReadToEndAsync();
                    var error = process.StandardError.ReadToEndAsync();
                    if (!process.WaitForExit((int)VersionWait.TotalMilliseconds))
                    {
                        process.Kill();
                        return new SetupCheck("AwsCli", SetupCheckStatus.Warning, aws + " did not print its version within " + VersionWait.TotalSeconds + " s");
                    }

                    string text = (output.Result + "\n" + error.Result).Trim();
                    int at = text.IndexOf("aws-cli/", StringComparison.Ordinal);
                    if (at < 0)
                    {
                        return new SetupCheck("AwsCli", SetupCheckStatus.Warning, aws + " does not print an AWS CLI version (exit code " + process.ExitCode + "): " + TerminalText.Visible(text.Split('\n')[0].Trim()),
                            "The aws on PATH does not run; reinstall the AWS CLI or put a working one first on PATH.");
                    }

                    string version = text.Substring(at).Split('\n')[0].Trim();
                    return version.StartsWith("aws-cli/1.", StringComparison.Ordinal)
                        ? new SetupCheck("AwsCli", SetupCheckStatus.Warning, aws + ": " + TerminalText.Visible(version), "AWS CLI version 1 works with credential_process, but version 2 is the supported one; consider upgrading.")
                        : new SetupCheck("AwsCli", SetupCheckStatus.Pass, aws + ": " + TerminalText.Visible(version));
                }
            }
            catch (Exception problem) when (problem is System.ComponentModel.Win32Exception || problem is InvalidOperationException)
            {
                return new SetupCheck("AwsCli", SetupCheckStatus.Warning, aws + " could not be run: " + problem.Message, "Reinstall the AWS CLI.");
            }
        }

        internal static SetupCheck Tools(Func<string, string?> environment)
        {
            var found = new List<string>();
            foreach (string folder in (environment("PSModulePath") ?? string.Empty).Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (string module in ToolsModules)
                {
                    string path = Path.Combine(folder, module);
                    if (!Directory.Exists(path)) continue;
                    IEnumerable<string> versions = Directory.GetDirectories(path).Select(Path.GetFileName).Where(name => Version.TryParse(name, out _))!;
                    found.Add(module + " " + string.Join(", ", versions.DefaultIfEmpty("(no version folder)")) + " in " + folder);
                }
            }

            return found.Count == 0
                ? new SetupCheck("AwsTools", SetupCheckStatus.Warning, "no AWS Tools for PowerShell module (AWS.Tools.Common, AWSPowerShell.NetCore, AWSPowerShell) on PSModulePath",
                    "Install-Module AWS.Tools.Common (and the service modules you use) to call AWS from PowerShell with CasAws credentials; the AWS CLI alone does not need it.")
                : new SetupCheck("AwsTools", SetupCheckStatus.Pass, string.Join("; ", found));
        }

        private static string? FindOnPath(string? path, string[] names)
        {
            foreach (string folder in (path ?? string.Empty).Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (string name in names)
                {
                    string candidate = Path.Combine(folder, name);
                    if (File.Exists(candidate)) return candidate;
                }
            }

            return null;
        }
    }
}
