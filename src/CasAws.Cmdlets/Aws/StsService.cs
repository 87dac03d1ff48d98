using System;
using System.Threading;
using System.Threading.Tasks;
using CasAws.Credentials;
using CasAws.Errors;

namespace CasAws.Aws
{
    /// <summary>
    /// The STS calls as the cmdlets use them: loads the bridge on first use and turns every failure into a
    /// <see cref="CasAwsException"/> that says what to do.
    /// </summary>
    internal sealed class StsService
    {
        private readonly StsEndpoint endpoint;

        public StsService(StsEndpoint endpoint)
        {
            this.endpoint = endpoint;
        }

        public StsEndpoint Endpoint => endpoint;

        public async Task<CasAwsCallerIdentity> GetCallerIdentityAsync(CasAwsCredential source, CancellationToken cancellationToken)
        {
            IStsBridge bridge = LoadBridge();
            try
            {
                return await bridge.GetCallerIdentityAsync(endpoint, source, cancellationToken).ConfigureAwait(false);
            }
            catch (StsCallException failure)
            {
                throw StsErrors.From(failure, endpoint, null);
            }
        }

        /// <summary>AssumeRole; the result carries AccountId and AssumedRoleArn of the new role, Origin not set.</summary>
        public async Task<CasAwsCredential> AssumeRoleAsync(CasAwsCredential source, RoleChainRequest request, CancellationToken cancellationToken)
        {
            IStsBridge bridge = LoadBridge();
            try
            {
                CasAwsCredential assumed = await bridge.AssumeRoleAsync(endpoint, source, request, cancellationToken).ConfigureAwait(false);
                assumed.AccountId = AwsArn.AccountOf(request.RoleArn);
                assumed.AssumedRoleArn = request.RoleArn;
                assumed.Region = source.Region;
                return assumed;
            }
            catch (StsCallException failure)
            {
                throw StsErrors.From(failure, endpoint, request.RoleArn);
            }
        }

        private static IStsBridge LoadBridge()
        {
            try
            {
                return StsBridgeLoader.Get();
            }
            catch (Exception problem) when (!(problem is OutOfMemoryException))
            {
                throw StsErrors.ComponentMissing(problem);
            }
        }
    }
}
