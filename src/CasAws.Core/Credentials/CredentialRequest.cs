using System;
using System.Collections.Generic;
using System.Security;
using CasAws.Cas;

namespace CasAws.Credentials
{
    /// <summary>What a caller asks <see cref="CasCredentialService"/> for.</summary>
    internal sealed class CredentialRequest
    {
        public CredentialRequest(TimeSpan duration)
        {
            Duration = duration;
        }

        /// <summary>The exact role ARN (already resolved), or null to let CAS choose (session token or single role).</summary>
        public string? RoleArn { get; set; }

        public TimeSpan Duration { get; }

        /// <summary>A one-time MFA code for <see cref="Mfa"/>'s provider; sent at most once (see <see cref="PasscodeSent"/>).</summary>
        public SecureString? Passcode { get; set; }

        /// <summary>The MFA provider and options for this call; null uses the session's.</summary>
        public CasMfaOptions? Mfa { get; set; }

        /// <summary>True once <see cref="Passcode"/> went to CAS: a later call must not send it again.</summary>
        public bool PasscodeSent { get; internal set; }

        public SecureString? Token { get; set; }

        public string? SerialNumber { get; set; }

        /// <summary>Skip the cache and ask CAS again (one more login and push).</summary>
        public bool Force { get; set; }

        /// <summary>Text for debug output: which fields a CAS request would carry, never their secret values.</summary>
        public string Describe() =>
            "roleArn=" + (RoleArn ?? "(none: CAS chooses)") + ", duration=" + ((long)Duration.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) + " s"
            + ", passcode=" + (Passcode != null ? "(given)" : "(none)") + (Mfa != null ? ", mfaProvider=" + Mfa.Provider : string.Empty)
            + (Token != null ? ", token=(given)" : string.Empty)
            + (SerialNumber != null ? ", serialNumber=" + SerialNumber : string.Empty)
            + (Force ? ", cache skipped (-Force)" : string.Empty);

        /// <summary>Run on every credential handed out (cached or fresh), e.g. to fill AccountId from STS.</summary>
        public IList<ICredentialEnricher> Enrichers { get; } = new List<ICredentialEnricher>();
    }
}
