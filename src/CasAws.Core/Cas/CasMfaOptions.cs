namespace CasAws.Cas
{
    /// <summary>
    /// The non-secret half of a CAS second factor: which provider, which device or Duo provider, and the
    /// application (service) whose MFA policy applies. The code itself is never kept here.
    /// </summary>
    internal sealed class CasMfaOptions
    {
        public static readonly CasMfaOptions Default = new CasMfaOptions();

        /// <summary>What a Google Authenticator device id (<see cref="Account"/>) looks like: CAS numbers them.</summary>
        public const string AccountPattern = @"^\d{1,19}$";

        /// <summary>What a Duo provider id (<see cref="DuoProviderId"/>) looks like: a CAS bean name.</summary>
        public const string DuoProviderIdPattern = @"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$";

        public CasMfaProvider Provider { get; set; } = CasMfaProvider.Duo;

        /// <summary>Google Authenticator's 'gauthacct': the id of one of the user's registered devices.</summary>
        public string? Account { get; set; }

        /// <summary>Duo's 'provider': the id of a Duo provider that is not 'mfa-duo'.</summary>
        public string? DuoProviderId { get; set; }

        /// <summary>CAS's 'service': an application URL from CAS's service registry.</summary>
        public string? Service { get; set; }

        /// <summary>Copies these options onto one request.</summary>
        public void ApplyTo(CasRequest request)
        {
            request.MfaProvider = Provider;
            request.MfaAccount = Account;
            request.DuoProviderId = DuoProviderId;
            request.Service = Service;
        }
    }
}
