using System.Collections.Generic;
using System.IO;
using System.Linq;
using CasAws.Cache;
using CasAws.Files;

namespace CasAws.Diagnostics
{
    /// <summary>
    /// The AWS files as the AWS CLI will read them: each parses; no profile whose credential_process CasAws
    /// registered is shadowed by static keys of the same name in the credentials file (which the AWS CLI and
    /// SDKs use first); and each profile's credential_process helper can run.
    /// </summary>
    internal static class AwsFilesCheck
    {
        public static IReadOnlyList<SetupCheck> Check(string configPath, string credentialsPath)
        {
            var checks = new List<SetupCheck>();
            IniDocument? config = Read("AwsConfigFile", configPath, checks);
            IniDocument? credentials = Read("AwsCredentialsFile", credentialsPath, checks);
            if (config == null) return checks;

            var processProfiles = new List<(string Profile, string? Helper)>();
            foreach (string header in config.SectionHeaders())
            {
                string profile = header == "default" ? "default" : header.StartsWith("profile ", System.StringComparison.Ordinal) ? header.Substring(8).Trim() : string.Empty;
                if (profile.Length == 0) continue;
                string? helper = CredentialProcessHelper.HelperOf(config, profile);
                IReadOnlyDictionary<string, string>? keys = config.ReadSection(AwsProfileSection.InConfigFile(profile));
                if (keys != null && keys.ContainsKey("credential_process")) processProfiles.Add((profile, helper));
            }

            foreach ((string profile, string? helper) in processProfiles)
            {
                IReadOnlyDictionary<string, string>? staticKeys = credentials?.ReadSection(AwsProfileSection.InCredentialsFile(profile));
                if (staticKeys != null && staticKeys.ContainsKey("aws_access_key_id"))
                {
                    checks.Add(new SetupCheck("ShadowedProfile", SetupCheckStatus.Fail,
                        $"profile '{profile}' has a credential_process in {configPath}, but static keys of the same name in {credentialsPath}, which the AWS CLI and SDKs use instead",
                        $"Remove the [{profile}] section from {credentialsPath} (or its aws_access_key_id and aws_secret_access_key), or register the CasAws profile under another name."));
                }

                if (helper == null || Path.GetFileNameWithoutExtension(helper) != Path.GetFileNameWithoutExtension(CredentialProcessHelper.FileName())) continue;
                CasAwsHelperState state = CredentialProcessHelper.StateOf(helper);
                checks.Add(state == CasAwsHelperState.Ready
                    ? new SetupCheck("ProfileHelper", SetupCheckStatus.Pass, $"profile '{profile}': the helper {helper} is ready")
                    : new SetupCheck("ProfileHelper", SetupCheckStatus.Fail, $"profile '{profile}': the helper {helper} is {state}",
                        $"Register the profile again: Register-CasAwsProfile {profile} -Force (it points credential_process at this module's helper)."));
            }

            if (!checks.Any(c => c.Check == "ShadowedProfile"))
            {
                checks.Add(new SetupCheck("ShadowedProfile", SetupCheckStatus.Pass, $"no credential_process profile of {configPath} is shadowed by static keys in {credentialsPath}"));
            }

            return checks;
        }

        private static IniDocument? Read(string check, string path, List<SetupCheck> checks)
        {
            if (!File.Exists(path))
            {
                checks.Add(new SetupCheck(check, SetupCheckStatus.Skipped, path + " does not exist (nothing registered there yet)"));
                return null;
            }

            try
            {
                IniDocument document = IniFileEditor.ReadForInspection(path);
                checks.Add(new SetupCheck(check, SetupCheckStatus.Pass, path + " parses"));
                return document;
            }
            catch (AwsFileException problem)
            {
                checks.Add(new SetupCheck(check, SetupCheckStatus.Fail, path + " cannot be read: " + Validation.TerminalText.Visible(problem.Message),
                    "Fix the line it names (the AWS CLI stops at it too), or move the file aside and register the profiles again."));
                return null;
            }
        }
    }
}
