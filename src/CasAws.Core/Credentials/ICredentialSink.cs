using System;

namespace CasAws.Credentials
{
    /// <summary>
    /// Somewhere new credentials also go once CAS (or STS) handed them out, such as the credential_process
    /// cache. Passed to <see cref="CasCredentialService"/> by its caller, so what a login writes is explicit.
    /// </summary>
    internal interface ICredentialSink
    {
        /// <summary>
        /// Takes fresh credentials (never a cache hit). CAS has answered and the push was spent: what the sink
        /// cannot do is passed to <paramref name="warn"/> (without secrets), never thrown.
        /// </summary>
        void Accept(CasAwsCredential credential, CredentialOrigin origin, Action<string> warn);
    }
}
