using System;
using System.IO;
using System.Management.Automation;
using System.Text.RegularExpressions;
using CasAws.Cache;
using CasAws.Credentials;
using CasAws.Errors;
using CasAws.Files;

namespace CasAws.Commands
{
    /// <summary>
    /// Registers an AWS profile whose credentials come from CasAws through credential_process, so the AWS
    /// CLI, every SDK and AWS Tools (Set-AWSCredential -ProfileName) get fresh keys from one login.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Register, "CasAwsProfile", SupportsShouldProcess = true)]
    [OutputType(typeof(CasAwsProfile))]
    public sealed class RegisterCasAwsProfileCommand : CasAwsCmdlet
    {
        private static readonly Regex ExactRoleArn = new Regex(@"^arn:aws[a-z-]*:iam::\d{12}:role/\S+$", RegexOptions.CultureInvariant);

        /// <summary>The profile name, as in 'aws --profile NAME'.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>The CAS base URL; taken from piped credentials when not given.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? Server { get; set; }

        /// <summary>The exact role ARN; taken from piped credentials when not given; none in session-token mode.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? RoleArn { get; set; }

        /// <summary>A region to write into the profile (the AWS CLI needs one for most commands).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Region { get; set; }

        /// <summary>Credentials from Get-CasAwsCredential: they fill the cache now, so the first AWS command needs no login.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNull]
        public CasAwsCredential? InputObject { get; set; }

        /// <summary>Replace a config profile CasAws did not write, and remove a same-named static profile from the credentials file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            if (!AwsProfileSection.IsValidName(Name))
            {
                ThrowTerminatingError(ProfileErrorRecords.InvalidName(Name));
            }

            Uri server = Server ?? InputObject?.Origin?.Server ?? ThrowServerRequired();
            string serverKey = ServerKey.Normalize(server);
            string? roleArn = RoleArn ?? InputObject?.Origin?.RoleArn ?? InputObject?.AssumedRoleArn;
            if (roleArn is not null && !ExactRoleArn.IsMatch(roleArn))
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(
                        $"'{roleArn}' is not an exact role ARN. Pass the full ARN (arn:aws:iam::123456789012:role/Name), e.g. from Get-CasAwsRole."),
                    ErrorIds.ProfileRoleArnInvalid, ErrorCategory.InvalidArgument, roleArn));
            }

            string? region = Region ?? RealRegion(InputObject?.Region);
            string helper = CredentialProcessHelper.ExpectedPath();
            if (!File.Exists(helper))
            {
                ThrowTerminatingError(new ErrorRecord(new FileNotFoundException(
                        $"The credential_process helper for {CredentialProcessHelper.RuntimeIdentifier()} is not in this module ('{helper}'). Build the module on this platform (dotnet pwsh ./build.ps1 build) or install a release that includes it."),
                    ErrorIds.CredentialProcessHelperMissing, ErrorCategory.ObjectNotFound, helper));
            }

            string commandLine;
            try
            {
                commandLine = CredentialProcessHelper.CommandLine(helper, Name, serverKey, roleArn);
            }
            catch (ArgumentException exception)
            {
                ThrowTerminatingError(new ErrorRecord(exception, ErrorIds.CredentialProcessArgumentUnsafe, ErrorCategory.InvalidArgument, Name));
                return;
            }

            string configFile = AwsFileLocations.ConfigFile();
            if (!ShouldProcess(configFile, $"Register profile '{Name}' with credential_process for {serverKey}{(roleArn is null ? string.Empty : " role " + roleArn)}"))
            {
                return;
            }

            try
            {
                ConfigFileProfiles.RegisterCredentialProcess(configFile, Name, commandLine, region, Force, StopToken);
            }
            catch (AwsFileException exception)
            {
                ThrowTerminatingError(ProfileErrorRecords.From(exception));
            }
            catch (ProfileNotOwnedException exception)
            {
                ThrowTerminatingError(ProfileErrorRecords.From(exception));
            }

            CredentialCacheEntry entry = WriteCacheEntry(serverKey, roleArn);
            RemoveShadowingStaticProfile();
            WriteObject(CasAwsProfile.From(entry));
        }

        private CredentialCacheEntry WriteCacheEntry(string serverKey, string? roleArn)
        {
            CredentialCacheStore store = CredentialCacheStore.ForCurrentUser();
            var entry = new CredentialCacheEntry(Name, serverKey, roleArn);
            CredentialCacheEntry? previous = store.Read(Name);
            if (InputObject is not null)
            {
                entry = entry.WithKeys(InputObject.AccessKey, InputObject.SecretKey, InputObject.SessionToken, InputObject.Expiration, InputObject.AccountId);
            }
            else if (previous is not null && previous.HasKeys && previous.Server == serverKey && previous.RoleArn == roleArn)
            {
                // Registering again (to change the region, say) keeps the keys already cached for the same login.
                entry = previous;
            }

            try
            {
                store.Write(entry);
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException)
            {
                ThrowTerminatingError(ProfileErrorRecords.CacheNotWritable(Name, exception));
            }

            return entry;
        }

        /// <summary>A static profile of the same name in the credentials file wins over credential_process: say so, and remove it when allowed.</summary>
        private void RemoveShadowingStaticProfile()
        {
            string credentialsFile = AwsFileLocations.CredentialsFile();
            try
            {
                ProfileOwnership ownership = CredentialsFileProfiles.Inspect(credentialsFile, Name);
                if (ownership == ProfileOwnership.Missing)
                {
                    return;
                }

                if (ownership == ProfileOwnership.Foreign && !Force)
                {
                    WriteWarning($"'{credentialsFile}' also has a profile '{Name}' with keys CasAws did not write. The AWS CLI and SDKs use those keys instead of credential_process. Remove that profile, or run this command again with -Force to remove it.");
                    return;
                }

                WriteWarning($"'{credentialsFile}' also has a profile '{Name}', which the AWS CLI and SDKs would use instead of credential_process.");
                if (ShouldProcess(credentialsFile, $"Remove the static profile '{Name}'"))
                {
                    CredentialsFileProfiles.Remove(credentialsFile, Name, force: true, StopToken);
                }
            }
            catch (AwsFileException exception)
            {
                WriteError(ProfileErrorRecords.From(exception));
            }
        }

        private static string? RealRegion(string? region) => string.IsNullOrEmpty(region) || region == "aws-global" ? null : region;

        private Uri ThrowServerRequired()
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(
                    "Say which CAS server the profile logs in to: pass -Server (the CAS base URL), or pipe credentials from Get-CasAwsCredential."),
                ErrorIds.ProfileServerRequired, ErrorCategory.InvalidArgument, Name));
            throw new InvalidOperationException(); // not reached: ThrowTerminatingError throws
        }
    }
}
