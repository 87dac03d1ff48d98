using System;
using System.Threading;
using System.Threading.Tasks;
using CasAws.Cas;
using CasAws.Errors;
using CasAws.Oidc;
using CasAws.Validation;

namespace CasAws.Diagnostics
{
    /// <summary>For a connection that logs in in the browser: whether CAS's OpenID Connect discovery document reads, and names its issuer and endpoints.</summary>
    internal static class OidcDiscoveryCheck
    {
        public static async Task<SetupCheck> CheckAsync(CasConnectionSettings settings, Uri issuer, CancellationToken cancellation)
        {
            try
            {
                OidcProviderEndpoints endpoints = await OidcDiscovery.DiscoverAsync(settings, issuer, cancellation).ConfigureAwait(false);
                return new SetupCheck("OidcDiscovery", SetupCheckStatus.Pass, issuer.AbsoluteUri + OidcDiscovery.WellKnownPath + " reads; authorization at " + endpoints.Authorization.GetLeftPart(UriPartial.Path));
            }
            catch (CasAwsException failure)
            {
                return new SetupCheck("OidcDiscovery", SetupCheckStatus.Fail, TerminalText.Visible(failure.Message),
                    "The CAS administrator checks the OpenID Connect module (cas.authn.oidc.core.issuer must be " + issuer.AbsoluteUri.TrimEnd('/') + "), or give the right -Issuer when connecting.");
            }
        }
    }
}
