using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using CasAws.Credentials;
using CasAws.Errors;
using CasAws.Net;

namespace CasAws.Aws
{
    /// <summary>
    /// Fills AccountId and AssumedRoleArn of credentials CAS handed out without saying whose they are
    /// (session-token mode, or role mode with a single role), with one STS GetCallerIdentity call: no
    /// CAS call, no push. Opt-in, because it loads the AWS SDK and needs STS to be reachable.
    /// </summary>
    /// <remarks>
    /// A failure here must not cost the user the credentials CAS just issued (getting them again would
    /// be another push), so STS failures are kept in <see cref="Failures"/> for the cmdlet to report as
    /// warnings, and the credential is handed out unfilled.
    /// </remarks>
    internal sealed class CallerIdentityEnricher : ICredentialEnricher
    {
        private readonly Func<CasAwsCredential, StsEndpoint> endpointFor;

        /// <param name="transport">Certificate trust and proxy for STS (the connection's, AWS_CA_BUNDLE).</param>
        public CallerIdentityEnricher(TransportSettings transport)
            : this(credential =>
            {
                StsEndpoint endpoint = StsEndpointResolver.Resolve(null, null, credential.Region, null, Environment.GetEnvironmentVariable, StsSettingNames.EnvironmentOnly);
                endpoint.Transport = transport;
                return endpoint;
            })
        {
        }

        internal CallerIdentityEnricher(Func<CasAwsCredential, StsEndpoint> endpointFor)
        {
            this.endpointFor = endpointFor;
        }

        /// <summary>What went wrong, for the cmdlet to write as warnings on the pipeline thread.</summary>
        public ConcurrentQueue<CasAwsException> Failures { get; } = new ConcurrentQueue<CasAwsException>();

        public async Task EnrichAsync(CasAwsCredential credential, CancellationToken cancellationToken)
        {
            if (credential.AccountId != null)
            {
                return;
            }

            try
            {
                CasAwsCallerIdentity identity = await new StsService(endpointFor(credential))
                    .GetCallerIdentityAsync(credential, cancellationToken).ConfigureAwait(false);
                Apply(credential, identity);
            }
            catch (CasAwsException failure)
            {
                Failures.Enqueue(failure);
            }
            catch (ArgumentException problem)
            {
                Failures.Enqueue(StsErrors.InvalidEndpoint(problem, null));
            }
        }

        /// <summary>AccountId always; AssumedRoleArn only for role keys (session tokens belong to a user, not a role).</summary>
        internal static void Apply(CasAwsCredential credential, CasAwsCallerIdentity identity)
        {
            credential.AccountId = identity.Account;
            if (credential.AssumedRoleArn == null && identity.IsAssumedRole)
            {
                credential.AssumedRoleArn = AwsArn.RoleArnFromAssumedRole(identity.Arn);
            }
        }
    }
}
