using System;
using System.Collections.Generic;

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

        /// <summary>What a handler could not do (without secrets): the command shows these as warnings. Handlers run one after another.</summary>
        public List<string> Warnings { get; } = new List<string>();
    }
}
