namespace CasAws.Credentials
{
    /// <summary>A credential and whether it came from the session's cache (no CAS call, no push).</summary>
    internal sealed class CredentialResult
    {
        public CredentialResult(CasAwsCredential credential, bool fromCache)
        {
            Credential = credential;
            FromCache = fromCache;
        }

        public CasAwsCredential Credential { get; }

        public bool FromCache { get; }
    }
}
