using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CasAws.Credentials;

namespace CasAws.Aws
{
    /// <summary>
    /// What the cmdlets ask of AWS STS. Implemented in CasAws.Sts, the one assembly that references the
    /// AWS SDK, and reached only through <see cref="StsBridgeLoader"/>.
    /// </summary>
    /// <remarks>
    /// Only types of this assembly and of the base library cross this boundary. On PowerShell 7,
    /// CasAws.Sts and the AWS SDK live in a private AssemblyLoadContext that resolves this assembly back
    /// to the copy the cmdlets use, so these types are the same on both sides and no AWS SDK type can
    /// clash with the copy AWS Tools for PowerShell loads. Failures arrive as <see cref="StsCallException"/>.
    /// </remarks>
    internal interface IStsBridge
    {
        Task<CasAwsCallerIdentity> GetCallerIdentityAsync(StsEndpoint endpoint, CasAwsCredential source, CancellationToken cancellationToken);

        /// <summary>AssumeRole with <paramref name="source"/>'s keys; returns the new keys and their expiration only.</summary>
        Task<CasAwsCredential> AssumeRoleAsync(StsEndpoint endpoint, CasAwsCredential source, RoleChainRequest request, CancellationToken cancellationToken);

        /// <summary>AssumeRoleWithWebIdentity, unsigned (no credentials at all); returns the new keys and their expiration only.</summary>
        Task<CasAwsCredential> AssumeRoleWithWebIdentityAsync(StsEndpoint endpoint, WebIdentityRequest request, CancellationToken cancellationToken);

        /// <summary>
        /// The headers that sign a Query-protocol POST with <paramref name="keys"/> by the AWS SDK's own Signature
        /// Version 4 signer (Authorization, X-Amz-Date, X-Amz-Security-Token, and any it adds); for a service whose
        /// SDK package CasAws does not ship (IAM's ListAccountAliases).
        /// </summary>
        IReadOnlyList<KeyValuePair<string, string>> SignQueryRequest(AwsSigningRequest request, CasAwsCredential keys);
    }
}
