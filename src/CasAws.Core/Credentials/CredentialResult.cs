using System;
using System.Collections.Generic;

namespace CasAws.Credentials
{
    /// <summary>A credential, whether it came from the session's cache (no CAS call, no push), and what failed after CAS answered.</summary>
    internal sealed class CredentialResult
    {
        public CredentialResult(CasAwsCredential credential, bool fromCache, IReadOnlyList<string>? warnings = null)
        {
            Credential = credential;
            FromCache = fromCache;
            Warnings = warnings ?? Array.Empty<string>();
        }

        public CasAwsCredential Credential { get; }

        public bool FromCache { get; }

        /// <summary>Failures after a successful login (cache, DPAPI): reported, never fatal, so the credentials are not lost.</summary>
        public IReadOnlyList<string> Warnings { get; }
    }
}
