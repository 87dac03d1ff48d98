using System;
using System.Globalization;

namespace CasAws.Credentials
{
    /// <summary>
    /// Temporary AWS credentials as every CasAws cmdlet outputs them.
    /// </summary>
    /// <remarks>
    /// The public property names are chosen so that the object binds by property name to AWS Tools'
    /// Set-AWSCredential (BasicOrSession set) and service cmdlets. Never add a public property named
    /// RoleArn, ProfileName, Credential, SourceProfile, ExternalID, MfaSerial, StoreAs, Scope,
    /// ProfileLocation, EndpointUrl or NetworkCredential: each one pulls in another parameter set or
    /// silently changes what AWS Tools does (see ../shared/docs/aws-integration.md).
    /// Where the keys came from is kept in <see cref="Origin"/>, which PowerShell does not see.
    /// </remarks>
    public sealed class CasAwsCredential
    {
        public CasAwsCredential(string accessKey, string secretKey, string sessionToken, DateTime expiration)
        {
            AccessKey = accessKey ?? throw new ArgumentNullException(nameof(accessKey));
            SecretKey = secretKey ?? throw new ArgumentNullException(nameof(secretKey));
            SessionToken = sessionToken ?? throw new ArgumentNullException(nameof(sessionToken));
            Expiration = expiration.ToUniversalTime();
        }

        public string AccessKey { get; }

        public string SecretKey { get; }

        public string SessionToken { get; }

        /// <summary>When the keys stop working, in UTC (CAS does not say: request time plus duration).</summary>
        public DateTime Expiration { get; }

        /// <summary>The 12-digit account, when known (from the role ARN or from GetCallerIdentity).</summary>
        public string? AccountId { get; set; }

        /// <summary>The role these keys act as, when known.</summary>
        public string? AssumedRoleArn { get; set; }

        /// <summary>A real AWS region sent by CAS; never 'aws-global'.</summary>
        public string? Region { get; set; }

        /// <summary>Where the credentials came from (server, user, role, duration); internal so it never binds.</summary>
        internal CredentialOrigin? Origin { get; set; }

        public TimeSpan TimeRemaining(DateTime utcNow) => Expiration - utcNow;

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0} (expires {1:yyyy-MM-dd HH:mm:ss}Z)", AccessKey, Expiration);
    }
}
