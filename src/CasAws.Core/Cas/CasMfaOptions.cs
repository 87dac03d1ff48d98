using System;

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

        /// <summary>
        /// The one MFA-option merge (Connect-CasAws, Get-CasAwsCredential, Register-CasAwsProfile, the helper):
        /// each given value, else the <paramref name="known"/> one (a saved connection, the piped login, the
        /// session). A device or Duo provider id belongs to its provider: kept only with the same provider, and a
        /// given one for another provider is dropped and reported to <paramref name="dropped"/>.
        /// </summary>
        public static CasMfaOptions Merge(CasMfaProvider? provider, string? account, string? duoProviderId, string? service, CasMfaOptions? known, Action<string>? dropped = null)
        {
            CasMfaProvider chosen = provider ?? known?.Provider ?? CasMfaProvider.Duo;
            bool sameProvider = known != null && known.Provider == chosen;
            var options = new CasMfaOptions
            {
                Provider = chosen,
                Account = account ?? (sameProvider ? known!.Account : null),
                DuoProviderId = duoProviderId ?? (sameProvider ? known!.DuoProviderId : null),
                Service = service ?? known?.Service,
            };
            if (options.Account != null && chosen != CasMfaProvider.GoogleAuthenticator)
            {
                dropped?.Invoke($"-MfaAccount is for Google Authenticator; it is not sent with -MfaProvider {chosen}.");
                options.Account = null;
            }

            if (options.DuoProviderId != null && chosen != CasMfaProvider.Duo)
            {
                dropped?.Invoke($"-DuoProviderId is for Duo; it is not sent with -MfaProvider {chosen}.");
                options.DuoProviderId = null;
            }

            return options;
        }

        /// <summary>A provider name as a profile or a saved connection records it; false for one CasAws does not know.</summary>
        public static bool TryParseProvider(string? name, out CasMfaProvider? provider)
        {
            provider = null;
            if (name is null) return true;
            if (!Enum.TryParse(name, ignoreCase: true, out CasMfaProvider parsed) || !Enum.IsDefined(typeof(CasMfaProvider), parsed)) return false;
            provider = parsed;
            return true;
        }

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
