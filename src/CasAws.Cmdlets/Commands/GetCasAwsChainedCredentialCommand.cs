using System;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Net;
using System.Security;
using CasAws.Aws;
using CasAws.Credentials;
using CasAws.Errors;

namespace CasAws.Commands
{
    /// <summary>
    /// Get-CasAwsChainedCredential: from CAS-issued credentials, assume another role (typically in another
    /// account) with STS AssumeRole, and output the new credentials as the same object type, so they pipe
    /// on to Set-AWSCredential, Get-CasAwsConsoleUrl or another chain.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CasAwsChainedCredential")]
    [OutputType(typeof(CasAwsCredential))]
    public sealed class GetCasAwsChainedCredentialCommand : CasAwsStsCmdlet
    {
        private static readonly TimeSpan DefaultDuration = TimeSpan.FromHours(1);

        /// <summary>The role to assume: arn:aws:iam::ACCOUNT:role/NAME.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string RoleArn { get; set; } = string.Empty;

        /// <summary>How long the new credentials last: 15 minutes to 12 hours, at most 1 hour from role credentials.</summary>
        [Parameter]
        [DurationTransformation]
        public TimeSpan Duration { get; set; } = DefaultDuration;

        /// <summary>The name CloudTrail records; default: the CAS user name.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? RoleSessionName { get; set; }

        /// <summary>The external id the role's trust policy asks for.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ExternalId { get; set; }

        /// <summary>The AWS MFA device (serial number or ARN) the role's trust policy asks for.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SerialNumber { get; set; }

        /// <summary>The current 6-digit code of that device (plain text is accepted); asked for when omitted in an interactive host.</summary>
        [Parameter]
        [SecureStringTransformation]
        [ValidateNotNull]
        public SecureString? TokenCode { get; set; }

        protected override void ProcessRecord()
        {
            try
            {
                CasAwsCredential source = SourceCredential();
                StsService sts = StsFor(source);
                CheckDuration(source, sts);
                RoleChainRequest request = BuildRequest(source);
                CasAwsCredential assumed = CallSts(sts, token => sts.AssumeRoleAsync(source, request, token), "Assuming " + RoleArn);
                if (source.Origin != null)
                {
                    assumed.Origin = new CredentialOrigin(source.Origin.Server, source.Origin.UserName, RoleArn, Duration);
                }

                WriteObject(assumed);
            }
            catch (CasAwsException failure)
            {
                WriteCasError(failure);
            }
        }

        private protected override void CheckParameters()
        {
            if (!AwsArn.IsRoleArn(RoleArn))
            {
                throw new CasAwsException(ErrorIds.ChainRoleArnInvalid, CasAwsErrorKind.InvalidArgument, RoleArn,
                    "-RoleArn '" + RoleArn + "' is not an IAM role ARN. Pass the full ARN, like arn:aws:iam::123456789012:role/RoleName.");
            }

            string? durationProblem = RoleChainRules.CheckDuration(Duration, sourceIsRole: false);
            if (durationProblem != null)
            {
                throw new CasAwsException(ErrorIds.DurationOutOfRange, CasAwsErrorKind.InvalidArgument, Duration, durationProblem);
            }

            if (RoleSessionName != null && !Aws.RoleSessionName.IsValid(RoleSessionName))
            {
                throw new CasAwsException(ErrorIds.RoleSessionNameInvalid, CasAwsErrorKind.InvalidArgument, RoleSessionName,
                    "-RoleSessionName must be 2 to 64 letters, digits or _+=,.@- characters.");
            }

            if (ExternalId != null && !RoleChainRules.IsExternalId(ExternalId))
            {
                throw new CasAwsException(ErrorIds.ExternalIdInvalid, CasAwsErrorKind.InvalidArgument, null,
                    "-ExternalId must be 2 to 1224 letters, digits or _+=,.@:/- characters.");
            }

            if (SerialNumber != null && !RoleChainRules.IsSerialNumber(SerialNumber))
            {
                throw new CasAwsException(ErrorIds.MfaParameterInvalid, CasAwsErrorKind.InvalidArgument, SerialNumber,
                    "-SerialNumber must be the MFA device's serial number or ARN (like arn:aws:iam::123456789012:mfa/user).");
            }

            if (TokenCode != null && SerialNumber == null)
            {
                throw new CasAwsException(ErrorIds.MfaParameterInvalid, CasAwsErrorKind.InvalidArgument, null,
                    "-TokenCode needs -SerialNumber: pass the MFA device the code comes from.");
            }

            if (TokenCode != null && !RoleChainRules.IsTokenCode(PlainText(TokenCode)))
            {
                throw new CasAwsException(ErrorIds.MfaParameterInvalid, CasAwsErrorKind.InvalidArgument, null,
                    "-TokenCode must be the 6 digits the MFA device shows.");
            }

            if (SerialNumber != null && TokenCode == null && !HostIsInteractive())
            {
                throw new CasAwsException(ErrorIds.MfaParameterInvalid, CasAwsErrorKind.InvalidArgument, null,
                    "-SerialNumber needs -TokenCode here (this host cannot ask for it): pass the 6 digits the MFA device shows.");
            }
        }

        /// <summary>Role chaining is capped at 1 hour: check before spending the call (and an MFA code) on it.</summary>
        private void CheckDuration(CasAwsCredential source, StsService sts)
        {
            if (Duration <= RoleChainRules.ChainingMaximum)
            {
                return;
            }

            bool sourceIsRole = source.AssumedRoleArn != null || source.Origin?.RoleArn != null;
            if (!sourceIsRole)
            {
                // CAS does not say whether single-role or session-token keys are role keys: STS does.
                CasAwsCallerIdentity identity = CallSts(sts, token => sts.GetCallerIdentityAsync(source, token), "Asking STS who these credentials are");
                sourceIsRole = identity.IsAssumedRole;
            }

            string? problem = RoleChainRules.CheckDuration(Duration, sourceIsRole);
            if (problem != null)
            {
                throw new CasAwsException(ErrorIds.RoleChainingDurationExceeded, CasAwsErrorKind.InvalidArgument, RoleArn, problem);
            }
        }

        private RoleChainRequest BuildRequest(CasAwsCredential source)
        {
            string sessionName = RoleSessionName ?? Aws.RoleSessionName.FromUserName(source.Origin?.UserName ?? CasSessionUserName() ?? Environment.UserName);
            WriteVerbose("Role session name: " + sessionName);
            return new RoleChainRequest(RoleArn, sessionName, Duration)
            {
                ExternalId = ExternalId,
                SerialNumber = SerialNumber,
                TokenCode = SerialNumber == null ? null : TokenCode != null ? PlainText(TokenCode) : PromptForTokenCode(),
            };
        }

        /// <summary>STS takes the code as text: it becomes a string only here, for the one request.</summary>
        private static string PlainText(SecureString secure) => new NetworkCredential(string.Empty, secure).Password;

        private static string? CasSessionUserName() => Session.CasSessionStore.Current?.UserName;

        private string PromptForTokenCode()
        {
            var field = new FieldDescription("TokenCode") { IsMandatory = true };
            field.SetParameterType(typeof(SecureString));
            Collection<FieldDescription> fields = new Collection<FieldDescription> { field };
            var answers = Host.UI.Prompt("AWS MFA", "The 6-digit code shown by " + SerialNumber, fields);
            string code = answers.TryGetValue("TokenCode", out PSObject? value) && value?.BaseObject is SecureString typed ? PlainText(typed).Trim() : string.Empty;
            if (!RoleChainRules.IsTokenCode(code))
            {
                throw new CasAwsException(ErrorIds.MfaParameterInvalid, CasAwsErrorKind.InvalidArgument, null,
                    "The MFA code must be the 6 digits the device shows.");
            }

            return code;
        }
    }
}
