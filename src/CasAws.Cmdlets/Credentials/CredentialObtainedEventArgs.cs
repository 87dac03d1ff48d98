using System;

namespace CasAws.Credentials
{
    /// <summary>Raised after CAS handed out new credentials (not for cache hits).</summary>
    internal sealed class CredentialObtainedEventArgs : EventArgs
    {
        public CredentialObtainedEventArgs(CasAwsCredential credential, CredentialOrigin origin)
        {
            Credential = credential;
            Origin = origin;
        }

        public CasAwsCredential Credential { get; }

        public CredentialOrigin Origin { get; }
    }
}
