using System;
using System.Collections.Generic;
using CasAws.Cas;

namespace CasAws.Connections
{
    /// <summary>
    /// The non-secret settings of one CAS connection, as Connect-CasAws remembers them and
    /// Get-CasAwsConnection shows them. Never a password, a code, a key, a token or -SkipCertificateCheck.
    /// </summary>
    public sealed class SavedConnection
    {
        public string Name { get; set; } = string.Empty;

        /// <summary>The CAS base URL.</summary>
        public string Server { get; set; } = string.Empty;

        public string? EndpointPath { get; set; }

        public string? UserName { get; set; }

        /// <summary>Duo, GoogleAuthenticator, YubiKey or Simple.</summary>
        public CasMfaProvider MfaProvider { get; set; }

        public string? MfaAccount { get; set; }

        public string? DuoProviderId { get; set; }

        public string? Service { get; set; }

        public string? CaBundlePath { get; set; }

        public string? Proxy { get; set; }

        /// <summary>The default role (an exact ARN).</summary>
        public string? RoleArn { get; set; }

        public TimeSpan? Duration { get; set; }

        /// <summary>True when the connection logs in with -OpenIdConnect (in the browser) rather than a password.</summary>
        public bool OpenIdConnect { get; set; }

        /// <summary>With OpenIdConnect: the client id, when it is not the default (casaws).</summary>
        public string? ClientId { get; set; }

        /// <summary>With OpenIdConnect: the issuer URL, when it is not the server's /oidc.</summary>
        public string? Issuer { get; set; }

        /// <summary>With OpenIdConnect: the role claim, when it is not the default (awsroles).</summary>
        public string? RoleClaim { get; set; }

        /// <summary>Names for AWS account ids (12 digits -> an IAM-shaped alias), set with Set-CasAwsAccountAlias; shown beside the ids and used by {AccountAlias}.</summary>
        public IDictionary<string, string> AccountAliases { get; set; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

        /// <summary>True for the connection Connect-CasAws uses when given neither -Server nor -Name (the last one used).</summary>
        public bool IsDefault { get; internal set; }

        /// <summary>True for the same CAS server (compared as saved: the normalised base URL, case ignored).</summary>
        internal bool IsSameServer(SavedConnection other) => string.Equals(Server, other.Server, StringComparison.OrdinalIgnoreCase);

        /// <summary>True for the same server, user and login kind (password or OpenID Connect): the one a login without -Name updates.</summary>
        internal bool IsSameLogin(SavedConnection other) =>
            IsSameServer(other) && OpenIdConnect == other.OpenIdConnect && string.Equals(UserName, other.UserName, StringComparison.OrdinalIgnoreCase);

        internal CasMfaOptions MfaOptions => new CasMfaOptions { Provider = MfaProvider, Account = MfaAccount, DuoProviderId = DuoProviderId, Service = Service };

        public override string ToString() => Name + " (" + Server + ")";
    }
}
