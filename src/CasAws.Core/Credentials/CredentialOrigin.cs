using System;
using CasAws.Cas;

namespace CasAws.Credentials
{
    /// <summary>What a credential was obtained for: the key under which it is cached and reused.</summary>
    internal sealed class CredentialOrigin
    {
        public CredentialOrigin(Uri server, string userName, string? roleArn, TimeSpan duration, string? awsMfaDevice = null)
        {
            Server = server;
            UserName = userName;
            RoleArn = roleArn;
            Duration = duration;
            AwsMfaDevice = awsMfaDevice;
        }

        public Uri Server { get; }

        public string UserName { get; }

        /// <summary>The exact role ARN asked for; null in session-token mode or when the server chose its only role.</summary>
        public string? RoleArn { get; }

        public TimeSpan Duration { get; }

        /// <summary>How CAS was reached (endpoint, timeout, CA bundle, proxy), so a profile can record it; null when unknown.</summary>
        public CasConnectionSettings? Connection { get; set; }

        /// <summary>The CAS MFA provider and its options the login answered (never a code), so a profile can record them.</summary>
        public CasMfaOptions? Mfa { get; set; }

        /// <summary>The keys came from a browser (OpenID Connect) login, not from a password sent to awsSts.</summary>
        public bool BrowserLogin { get; set; }

        /// <summary>
        /// For keys asked with AWS-side MFA (-Token): the device serial ('' when CAS was given none). Null
        /// without it. Such keys satisfy aws:MultiFactorAuthPresent and must not be mistaken for others.
        /// </summary>
        public string? AwsMfaDevice { get; }
    }
}
