using System;
using System.Diagnostics.CodeAnalysis;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace CasAws.Cache
{
    /// <summary>
    /// Finds the credential_process helper shipped in the module (bin/RID/CasAws.CredentialProcess) and
    /// writes the credential_process line that runs it: full path in quotes, no '~', no variables,
    /// because botocore and the SDKs split the line themselves and run it without a shell.
    /// </summary>
    internal static class CredentialProcessHelper
    {
        public static string RuntimeIdentifier()
        {
            string os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win"
                : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx" : "linux";
            return os + "-" + RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        }

        public static string FileName() => "CasAws.CredentialProcess" + (RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? ".exe" : string.Empty);

        /// <summary>The path of the helper this module ships for this machine, whether or not it exists.</summary>
#if NET
        [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "The STS island and the module layout are used only by the PowerShell module, which is neither trimmed nor single-file; the trimmed helper never reaches this code.")]
#endif
        public static string ExpectedPath()
        {
            // core/ or desktop/CasAws.Core.dll -> the module's root folder
            string assemblyDirectory = Path.GetDirectoryName(typeof(CredentialProcessHelper).Assembly.Location)!;
            string bin = Path.Combine(Path.GetDirectoryName(assemblyDirectory)!, "bin");
            string runtime = RuntimeIdentifier();
            string path = Path.Combine(bin, runtime, FileName());

            // A package made where no win-arm64 runtime pack can be had ships no win-arm64 build: Windows 11 on Arm runs the x64 one.
            return runtime == "win-arm64" && !File.Exists(path) ? Path.Combine(bin, "win-x64", FileName()) : path;
        }

        /// <summary>Whether the helper at <paramref name="path"/> is there, executable and, for the user's copy, what CasAws wrote. Only looks: nothing is changed here.</summary>
        public static CasAwsHelperState StateOf(string? path)
        {
            if (string.IsNullOrEmpty(path))
            {
                return CasAwsHelperState.NotConfigured;
            }

            if (!File.Exists(path))
            {
                return CasAwsHelperState.Missing;
            }
#if NET8_0_OR_GREATER
            const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path!) & anyExecute) == 0)
            {
                return CasAwsHelperState.NotExecutable;
            }
#endif
            return UserHelperCopy.IsModifiedCopy(path!) ? CasAwsHelperState.Modified : CasAwsHelperState.Ready;
        }

        /// <summary>The program a profile's credential_process runs, from the AWS config file; null when it has none.</summary>
        public static string? HelperOf(Files.IniDocument config, string profile)
        {
            System.Collections.Generic.IReadOnlyDictionary<string, string>? keys = config.ReadSection(Files.AwsProfileSection.InConfigFile(profile));
            return keys is not null && keys.TryGetValue("credential_process", out string? line) ? ProgramOf(line) : null;
        }

        /// <summary>The program a credential_process line runs: its first word, quoted as <see cref="CommandLine"/> writes it or not.</summary>
        public static string? ProgramOf(string? commandLine)
        {
            List<string>? words = WordsOf(commandLine);
            return words is { Count: > 0 } && words[0].Length > 0 ? words[0] : null;
        }

        /// <summary>
        /// The helper's arguments on a credential_process line, when the line runs a CasAws helper (by its file
        /// name) with arguments the helper accepts; null for any other line.
        /// </summary>
        public static CredentialProcessArguments? ArgumentsOf(string? commandLine)
        {
            List<string>? words = WordsOf(commandLine);
            if (words is not { Count: > 0 } || !IsHelperFileName(Path.GetFileName(words[0])))
            {
                return null;
            }

            return CredentialProcessArguments.TryParse(words.GetRange(1, words.Count - 1).ToArray(), out CredentialProcessArguments? parsed, out _) ? parsed : null;
        }

        // The helper's name on any system: a config file may be shared between Windows and Unix.
        private static bool IsHelperFileName(string name) =>
            string.Equals(name, "CasAws.CredentialProcess", StringComparison.Ordinal) || string.Equals(name, "CasAws.CredentialProcess.exe", StringComparison.OrdinalIgnoreCase);

        /// <summary>Splits a line as <see cref="CommandLine"/> writes it (words in double quotes, or bare words); null when a quote is left open.</summary>
        private static List<string>? WordsOf(string? commandLine)
        {
            string line = commandLine ?? string.Empty;
            var words = new List<string>();
            int i = 0;
            while (i < line.Length)
            {
                if (line[i] == ' ' || line[i] == '\t')
                {
                    i++;
                    continue;
                }

                int end;
                if (line[i] == '"')
                {
                    end = line.IndexOf('"', i + 1);
                    if (end < 0)
                    {
                        return null;
                    }

                    words.Add(line.Substring(i + 1, end - i - 1));
                    i = end + 1;
                    continue;
                }

                end = line.IndexOfAny(new[] { ' ', '\t' }, i);
                end = end < 0 ? line.Length : end;
                words.Add(line.Substring(i, end - i));
                i = end;
            }

            return words;
        }

        /// <summary>The credential_process value; throws ArgumentException for values that cannot be quoted safely.</summary>
        public static string CommandLine(string helperPath, CredentialProcessArguments arguments)
        {
            var line = new StringBuilder();
            Append(line, helperPath);
            foreach (KeyValuePair<string, string> pair in arguments.ToPairs())
            {
                line.Append(' ').Append(pair.Key).Append(' ');
                Append(line, pair.Value);
            }

            return line.ToString();
        }

        private static void Append(StringBuilder line, string value)
        {
            // Inside double quotes both shlex (Unix) and the Windows rules keep everything literal except '"'
            // and a backslash before one; a backslash is only allowed in a Windows path, where it is literal.
            bool windowsPath = Path.DirectorySeparatorChar == '\\';
            foreach (char c in value)
            {
                if (c == '"' || Validation.ControlCharacters.IsControl(c) || (c == '\\' && !windowsPath) || c == '$' || c == '`')
                {
                    throw new ArgumentException($"'{value}' contains a character that cannot be written into credential_process safely.");
                }
            }

            if (value.EndsWith("\\", StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{value}' ends with a backslash, which cannot be quoted for credential_process.");
            }

            line.Append('"').Append(value).Append('"');
        }
    }
}
