using System.Management.Automation;
using CasAws.Aws;
using CasAws.Credentials;
using CasAws.Errors;

namespace CasAws.Commands
{
    /// <summary>
    /// Get-CasAwsCredential -ResolveIdentity: fill AccountId and AssumedRoleArn, which CAS does not send
    /// for session-token and single-role answers, with one STS GetCallerIdentity call (no CAS call, no
    /// push). Off by default, so the basic flow neither loads the AWS SDK nor needs to reach STS.
    /// </summary>
    public sealed partial class GetCasAwsCredentialCommand
    {
        private CallerIdentityEnricher? _identityEnricher;

        /// <summary>Ask STS whose credentials these are when CAS did not say (fills AccountId and AssumedRoleArn).</summary>
        [Parameter]
        public SwitchParameter ResolveIdentity { get; set; }

        /// <summary>
        /// STS is reached as CAS was (the connection's -CaBundlePath and proxy), or as AWS_CA_BUNDLE says;
        /// certificate checks are skipped only when this command was given -SkipCertificateCheck.
        /// </summary>
        private void AddIdentityEnricher(CredentialRequest request, Session.CasAwsSession session)
        {
            if (!ResolveIdentity)
            {
                return;
            }

            _identityEnricher ??= new CallerIdentityEnricher(AwsTransportFrom(
                new Net.TransportSettings { SkipCertificateCheck = SkipCertificateCheck.IsPresent && session.Settings.SkipCertificateCheck },
                session.Settings));
            request.Enrichers.Add(_identityEnricher);
        }

        /// <summary>The credentials are good without the identity: a failed lookup is a warning, not an error.</summary>
        private void ReportIdentityFailures()
        {
            while (_identityEnricher != null && _identityEnricher.Failures.TryDequeue(out CasAwsException? failure))
            {
                WriteWarning("AccountId and AssumedRoleArn were left empty: " + failure.Message);
            }
        }
    }
}
