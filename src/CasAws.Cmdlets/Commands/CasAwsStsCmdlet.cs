using System;
using System.Management.Automation;
using CasAws.Aws;
using CasAws.Credentials;
using CasAws.Errors;
using CasAws.Session;

namespace CasAws.Commands
{
    /// <summary>
    /// What the cmdlets that ask AWS itself share: credentials from the pipeline or from the session, and
    /// where to reach STS (-EndpointUrl, -Region, -TimeoutSec, honouring AWS_ENDPOINT_URL_STS and AWS_REGION).
    /// </summary>
    public abstract class CasAwsStsCmdlet : CasAwsCmdlet
    {
        /// <summary>Credentials to use, e.g. from Get-CasAwsCredential; the session's when omitted.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNull]
        public CasAwsCredential? AwsCredential { get; set; }

        /// <summary>The STS endpoint; default AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, else the regional endpoint.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? EndpointUrl { get; set; }

        /// <summary>The region to call STS in (and sign for); default AWS_REGION, else the credential's region, else the global endpoint.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Region { get; set; }

        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = (int)StsEndpointResolver.DefaultTimeout.TotalSeconds;

        /// <summary>The -AwsCredential given, or the session's credentials (from its cache, else one CAS call).</summary>
        internal CasAwsCredential SourceCredential()
        {
            if (AwsCredential != null)
            {
                return AwsCredential;
            }

            CasAwsSession session = CasSessionStore.Current ?? throw new CasAwsException(ErrorIds.NotConnected, ErrorCategory.InvalidOperation, null,
                "There are no credentials to use: pipe them in (Get-CasAwsCredential | " + MyInvocation.MyCommand.Name + "), pass -AwsCredential, or run Connect-CasAws first.");
            var request = new CredentialRequest(session.DefaultDuration) { RoleArn = session.DefaultRoleArn };
            CredentialResult result = WaitWithProgress(
                token => new CasCredentialService(session).GetCredentialAsync(request, token),
                CasAwsActivity.Activity(session.Server),
                CasAwsActivity.Status);
            return result.Credential;
        }

        internal StsService StsFor(CasAwsCredential credential)
        {
            try
            {
                return new StsService(StsEndpointResolver.Resolve(EndpointUrl, Region, credential.Region, TimeSpan.FromSeconds(TimeoutSec), Environment.GetEnvironmentVariable));
            }
            catch (ArgumentException problem)
            {
                throw StsErrors.InvalidEndpoint(problem, EndpointUrl ?? Region);
            }
        }

        internal T CallSts<T>(StsService sts, Func<System.Threading.CancellationToken, System.Threading.Tasks.Task<T>> call, string activity)
        {
            WriteVerbose("STS endpoint: " + sts.Endpoint);
            return WaitWithProgress(call, activity, "Waiting for STS at " + sts.Endpoint.ServiceUrl.Host);
        }
    }
}
