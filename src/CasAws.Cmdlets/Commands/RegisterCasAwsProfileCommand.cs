using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using CasAws.Cache;
using CasAws.Cas;
using CasAws.Connections;
using CasAws.Credentials;
using CasAws.Errors;
using CasAws.Files;
using CasAws.Profiles;
using CasAws.Session;
using CasAws.Validation;

namespace CasAws.Commands
{
    /// <summary>
    /// Registers an AWS profile whose credentials come from CasAws through credential_process, so the AWS
    /// CLI, every SDK and AWS Tools (Set-AWSCredential -ProfileName) get fresh keys from one login.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Register, "CasAwsProfile", SupportsShouldProcess = true, DefaultParameterSetName = NameSet)]
    [OutputType(typeof(CasAwsProfile))]
    public sealed class RegisterCasAwsProfileCommand : CasAwsCmdlet
    {

        private const string NameSet = "Name";
        private const string TemplateSet = "NameTemplate";
        private readonly List<CasAwsRole> _pipedRoles = new List<CasAwsRole>();

        /// <summary>The profile name, as in 'aws --profile NAME'.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>One profile per role, named by this template: {AccountId}, {AccountAlias}, {RoleName}, {RolePath}, {Partition}; unsafe characters become '-'.</summary>
        [Parameter(Mandatory = true, ParameterSetName = TemplateSet)]
        [ValidateNotNullOrEmpty]
        public string NameTemplate { get; set; } = string.Empty;

        /// <summary>The roles to register, from Get-CasAwsRole; the session's roles when none are piped.</summary>
        [Parameter(ValueFromPipeline = true, ParameterSetName = TemplateSet)]
        [ValidateNotNull]
        public CasAwsRole? Role { get; set; }

        /// <summary>Also remove the profiles CasAws registered for this server and user whose role is not among the roles given.</summary>
        [Parameter(ParameterSetName = TemplateSet)]
        public SwitchParameter Prune { get; set; }

        /// <summary>The CAS base URL or the name of a saved connection; taken from piped credentials or the Connect-CasAws session when not given.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SavedConnectionCompleter))]
        public string? Server { get; set; }

        /// <summary>The role: an exact ARN, or a name or pattern matching one of the session's roles; taken from piped credentials or the session when not given.</summary>
        [Parameter(ParameterSetName = NameSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RoleArnCompleter))]
        public string? RoleArn { get; set; }

        /// <summary>A region to write into the profile (the AWS CLI needs one for most commands).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Region { get; set; }

        /// <summary>The CAS user name the helper logs in as; taken from piped credentials or the session when not given (else the helper asks).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? UserName { get; set; }

        /// <summary>How long the credentials of a login through the helper live; taken from piped credentials or the session when not given (else 1 hour).</summary>
        [Parameter]
        [DurationTransformation]
        public TimeSpan? Duration { get; set; }

        /// <summary>The path of CAS's awsSts endpoint below -Server, when it is not the default.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? EndpointPath { get; set; }

        /// <summary>Seconds the helper waits for CAS (which holds the request while a Duo push is pending).</summary>
        [Parameter]
        [ValidateRange(ConnectionSettingRules.MinTimeoutSeconds, ConnectionSettingRules.MaxTimeoutSeconds)]
        public int? TimeoutSec { get; set; }

        /// <summary>A PEM file of extra CA certificates the helper trusts for CAS (company CA, TLS-inspecting proxy).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CaBundlePath { get; set; }

        /// <summary>A proxy for the helper's CAS calls, without user name or password (the system proxy otherwise).</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? Proxy { get; set; }

        /// <summary>The CAS MFA provider the helper's own logins answer: Duo (a push, the default), or one whose code the helper asks for at the terminal.</summary>
        [Parameter]
        public CasMfaProvider? MfaProvider { get; set; }

        /// <summary>Google Authenticator: the id of the registered device (CAS's 'gauthacct').</summary>
        [Parameter]
        [ValidatePattern(CasMfaOptions.AccountPattern)]
        public string? MfaAccount { get; set; }

        /// <summary>Duo: the id of a Duo provider that is not 'mfa-duo' (CAS's 'provider').</summary>
        [Parameter]
        [ValidatePattern(CasMfaOptions.DuoProviderIdPattern)]
        public string? DuoProviderId { get; set; }

        /// <summary>The application URL CAS's per-service MFA policies match (CAS's 'service').</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Service { get; set; }

        /// <summary>Credentials from Get-CasAwsCredential: they fill the cache now, so the first AWS command needs no login, and how they were obtained is recorded for the helper's own logins.</summary>
        [Parameter(ValueFromPipeline = true, ParameterSetName = NameSet)]
        [ValidateNotNull]
        public CasAwsCredential? InputObject { get; set; }

        /// <summary>Replace a config profile CasAws did not write, and remove a same-named static profile from the credentials file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == TemplateSet)
            {
                if (Role is not null) _pipedRoles.Add(Role);
                return;
            }

            if (!AwsProfileSection.IsValidName(Name))
            {
                ThrowTerminatingError(ProfileErrorRecords.InvalidName(Name));
            }

            ProfileServerChoice server = ChooseServer(InputObject);
            var registration = new SingleProfileRegistration(InputObject, _saved, server.Session);
            string? roleArn = null;
            try
            {
                roleArn = registration.RoleArn(RoleArn, Name, RoleArnResolver.Resolve);
            }
            catch (CasAwsException exception)
            {
                ThrowCasError(exception);
            }

            Register(Name, roleArn, server.ServerKey, registration, $"Register profile '{Name}' with credential_process for {server.ServerKey}{(roleArn is null ? string.Empty : " role " + roleArn)}");
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName != TemplateSet) return;

            ProfileServerChoice server = ChooseServer(piped: null);
            string configFile = AwsFileLocations.ConfigFile();
            ProfileRegistrationPlan plan;
            try
            {
                plan = ProfileRegistration.PlanForCurrentUser(_pipedRoles, NameTemplate, UserName, Prune, server, _saved, configFile);
            }
            catch (CasAwsException exception)
            {
                ThrowCasError(exception);
                return;
            }
            catch (UntrustedDirectoryException exception)
            {
                ThrowTerminatingError(ProfileErrorRecords.Untrusted(exception));
                return;
            }
            catch (AwsFileException exception)
            {
                ThrowTerminatingError(ProfileErrorRecords.From(exception));
                return;
            }

            var registration = new SingleProfileRegistration(null, _saved, server.Session);
            foreach (PlannedProfile profile in plan.Register)
            {
                string verb = profile.Change == ProfileChange.Add ? "Add" : "Change";
                Register(profile.Name, profile.Role.RoleArn, server.ServerKey, registration,
                    $"{verb} profile '{profile.Name}' with credential_process for {server.ServerKey} role {TerminalText.Visible(profile.Role.RoleArn)}");
            }

            foreach (CredentialCacheEntry stale in plan.Prune)
            {
                if (!ShouldProcess(configFile, $"Remove profile '{stale.ProfileName}' and its cached credentials: its role {TerminalText.Visible(stale.RoleArn)} is no longer listed"))
                {
                    continue;
                }

                ProfileRemoval.Remove(this, configFile, stale.ProfileName, force: false, StopToken);
            }
        }

        /// <summary>Writes one profile's credential_process line and cache entry, then outputs it; the question is -WhatIf/-Confirm's.</summary>
        private void Register(string profileName, string? roleArn, string serverKey, SingleProfileRegistration registration, string action)
        {
            string? region = Region ?? RealRegion(InputObject?.Region);
            string bundledHelper = CredentialProcessHelper.ExpectedPath();
            ErrorRecord? unusable = ProfileErrorRecords.BundledHelperUnusable(bundledHelper);
            if (unusable is not null)
            {
                ThrowTerminatingError(unusable);
            }

            // The line names the user's copy, not the versioned module folder an update removes.
            string helper = UserHelperCopy.PathForCurrentUser();
            string commandLine;
            CredentialProcessArguments arguments = HelperArguments(registration, profileName, serverKey, roleArn);
            try
            {
                commandLine = CredentialProcessHelper.CommandLine(helper, arguments);
            }
            catch (ArgumentException exception)
            {
                ThrowTerminatingError(new ErrorRecord(exception, ErrorIds.CredentialProcessArgumentUnsafe, ErrorCategory.InvalidArgument, profileName));
                return;
            }

            string configFile = AwsFileLocations.ConfigFile();
            if (!ShouldProcess(configFile, action))
            {
                return;
            }

            try
            {
                if (UserHelperCopy.Refresh(bundledHelper) == HelperCopyOutcome.Repaired)
                {
                    WriteWarning($"The helper copy '{helper}' was not the file CasAws had put there (its content differed from the SHA-256 recorded beside it); it was replaced with this CasAws's helper. Something with access to your account changed it: find out what.");
                }
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException)
            {
                ThrowTerminatingError(ProfileErrorRecords.HelperNotCopied(helper, exception));
            }

            try
            {
                ConfigFileProfiles.RegisterCredentialProcess(configFile, profileName, commandLine, region, Force, StopToken);
            }
            catch (AwsFileException exception)
            {
                ThrowTerminatingError(ProfileErrorRecords.From(exception));
            }
            catch (ProfileNotOwnedException exception)
            {
                ThrowTerminatingError(ProfileErrorRecords.From(exception));
            }

            CredentialCacheEntry entry = WriteCacheEntry(registration, profileName, serverKey, roleArn, arguments.UserName);
            RemoveShadowingStaticProfile(profileName);
            WriteObject(CasAwsProfile.From(entry, helper));
        }

        /// <summary>The helper's arguments from this command's parameters and the layers below them; stops the command when one is unusable.</summary>
        private CredentialProcessArguments HelperArguments(SingleProfileRegistration registration, string profileName, string serverKey, string? roleArn)
        {
            var given = new ProfileLoginOptions
            {
                UserName = UserName,
                Duration = Duration,
                EndpointPath = EndpointPath,
                Timeout = TimeoutSec.HasValue ? TimeSpan.FromSeconds(TimeoutSec.Value) : null,
                CaBundlePath = CaBundlePath,
                Proxy = Proxy,
                MfaProvider = MfaProvider,
                MfaAccount = MfaAccount,
                DuoProviderId = DuoProviderId,
                Service = Service,
            };
            try
            {
                CredentialProcessArguments arguments = registration.HelperArguments(profileName, serverKey, roleArn, given, SessionState.Path.GetUnresolvedProviderPathFromPSPath, WriteWarning);
                if (arguments.Duration is TimeSpan duration)
                {
                    WriteVerbose("Duration: " + StsDurationRules.Explain(duration) + ".");
                }

                return arguments;
            }
            catch (CasAwsException exception)
            {
                ThrowCasError(exception);
                throw; // not reached: ThrowCasError throws
            }
        }

        /// <summary>Writes the profile's cache entry (<see cref="SingleProfileRegistration.CacheEntry"/>); stops the command when the cache cannot be written.</summary>
        private CredentialCacheEntry WriteCacheEntry(SingleProfileRegistration registration, string profileName, string serverKey, string? roleArn, string? userName)
        {
            CredentialCacheStore store = CredentialCacheStore.ForCurrentUser();
            try
            {
                CredentialCacheEntry entry = registration.CacheEntry(profileName, serverKey, roleArn, userName, store.Read(profileName));
                store.Write(entry);
                return entry;
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException || exception is System.ComponentModel.Win32Exception)
            {
                ThrowTerminatingError(ProfileErrorRecords.CacheNotWritable(profileName, exception));
                throw; // not reached: ThrowTerminatingError throws
            }
        }

        /// <summary>A static profile of the same name in the credentials file wins over credential_process: say so, and remove it when allowed.</summary>
        private void RemoveShadowingStaticProfile(string profileName)
        {
            string credentialsFile = AwsFileLocations.CredentialsFile();
            try
            {
                ProfileOwnership ownership = CredentialsFileProfiles.Inspect(credentialsFile, profileName);
                if (ownership == ProfileOwnership.Missing || ownership == ProfileOwnership.NoKeys)
                {
                    // Without keys it shadows nothing, and it is not CasAws's to remove.
                    return;
                }

                if (ownership == ProfileOwnership.Foreign && !Force)
                {
                    WriteWarning($"'{credentialsFile}' also has a profile '{profileName}' with keys CasAws did not write. The AWS CLI and SDKs use those keys instead of credential_process. Remove that profile, or run this command again with -Force to remove it.");
                    return;
                }

                if (ShouldProcess(credentialsFile, $"Remove the static profile '{profileName}', which the AWS CLI and SDKs would use instead of credential_process"))
                {
                    CredentialsFileProfiles.Remove(credentialsFile, profileName, force: true, StopToken);
                    WriteWarning($"Removed the static profile '{profileName}' from '{credentialsFile}': the AWS CLI and SDKs would have used its keys instead of credential_process.");
                }
                else
                {
                    WriteWarning($"'{credentialsFile}' still has a static profile '{profileName}', which the AWS CLI and SDKs use instead of credential_process until it is removed.");
                }
            }
            catch (AwsFileException exception)
            {
                WriteError(ProfileErrorRecords.From(exception));
            }
        }

        /// <summary>The saved connection -Server named, or null.</summary>
        private SavedConnection? _saved;

        /// <summary>-Server as a URL, or the URL of the saved connection it names (whose settings then fill in what the parameters do not give).</summary>
        private Uri? ServerFromParameter()
        {
            if (Server is null) return null;
            if (SavedConnectionReport.IsUrl(Server))
            {
                if (Uri.TryCreate(Server, UriKind.Absolute, out Uri? url)) return url;
                ThrowTerminatingError(new ErrorRecord(new ArgumentException($"'{Server}' is not a CAS URL. Pass the CAS base URL, e.g. https://sso.example.org/cas."),
                    ErrorIds.ProfileServerRequired, ErrorCategory.InvalidArgument, Server));
            }

            _saved = SavedConnectionReport.Find(this, Server);
            RoleArn ??= _saved.RoleArn;
            return new Uri(_saved.Server);
        }

        private static string? RealRegion(string? region) => string.IsNullOrEmpty(region) || region == "aws-global" ? null : region;

        /// <summary>The server the registration is for (<see cref="ProfileServerChoice"/>); stops the command when none is known.</summary>
        private ProfileServerChoice ChooseServer(CasAwsCredential? piped)
        {
            return StopOnCasError(() => ProfileServerChoice.Choose(ServerFromParameter(), piped, CasSessionStore.Current, Name));
        }
    }
}
