using System;
using System.Threading;
using System.Threading.Tasks;
using CasAws.Credentials;
using CasAws.Errors;
using CasAws.Validation;

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

        private string Answerer => "STS at " + endpoint.ServiceUrl.Host;

        public async Task<CasAwsCallerIdentity> GetCallerIdentityAsync(CasAwsCredential source, CancellationToken cancellationToken)
        {
            IStsBridge bridge = LoadBridge();
            try
            {
                CasAwsCallerIdentity identity = await bridge.GetCallerIdentityAsync(endpoint, source, cancellationToken).ConfigureAwait(false);
                ServerValueErrors.Require(Answerer,
                    ("Account", ServerValueKind.AccountId, identity.Account),
                    ("Arn", ServerValueKind.Arn, identity.Arn),
                    ("UserId", ServerValueKind.UserId, identity.UserId));
                return identity;
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
                ServerValueErrors.RequireKeys(Answerer, assumed.AccessKey, assumed.SecretKey, assumed.SessionToken);
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
