using System.Threading;
using System.Threading.Tasks;

namespace CasAws.Credentials
{
    /// <summary>
    /// Adds what CAS does not say (AccountId, AssumedRoleArn) to a credential before it is handed out,
    /// e.g. from STS GetCallerIdentity. Runs off the pipeline thread: never write to PowerShell here.
    /// It is also called for cached credentials, so skip the work when the fields are already set.
    /// </summary>
    internal interface ICredentialEnricher
    {
        Task EnrichAsync(CasAwsCredential credential, CancellationToken cancellationToken);
    }
}
