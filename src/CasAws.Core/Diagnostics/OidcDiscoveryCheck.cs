using System;
using System.Threading;
using System.Threading.Tasks;
using CasAws.Cas;
using CasAws.Errors;
using CasAws.Oidc;
using CasAws.Validation;

namespace CasAws.Diagnostics
{
    /// <summary>
    /// For a connection that logs in in the browser: whether CAS's OpenID Connect discovery document reads, and
    /// if not, which fault a deployment has there (no OIDC module, a page in its place, CAS's default issuer
    /// left in place, endpoints missing or on another host) and what the CAS administrator or the user changes.
    /// </summary>
    internal static class OidcDiscoveryCheck
    {
        private const string Name = "OidcDiscovery";

        public static async Task<SetupCheck> CheckAsync(CasConnectionSettings settings, Uri issuer, CancellationToken cancellation)
        {
            string document = issuer.AbsoluteUri.TrimEnd('/') + OidcDiscovery.WellKnownPath;
            OidcDiscoveryAnswer answer;
            try
            {
                answer = await OidcDiscovery.ReadAsync(settings, issuer, cancellation).ConfigureAwait(false);
            }
            catch (CasAwsException failure)
            {
                return Unread(failure);
            }

            if (answer.Endpoints is OidcProviderEndpoints endpoints)
            {
                return new SetupCheck(Name, SetupCheckStatus.Pass, document + " reads; authorization at " + endpoints.Authorization.GetLeftPart(UriPartial.Path));
            }

            return Fault(answer.Fault, document, issuer.AbsoluteUri.TrimEnd('/'), answer.Found ?? "");
        }

        internal static SetupCheck Fault(OidcDiscoveryFault fault, string document, string issuer, string found)
        {
            switch (fault)
            {
                case OidcDiscoveryFault.NotFound:
                    return Failed(document + " answers 404: CAS has no OpenID Connect provider at " + issuer,
                        "The CAS administrator adds the module cas-server-support-oidc and sets cas.authn.oidc.core.issuer=" + issuer
                        + "; if CAS's issuer is another URL, connect with it: Connect-CasAws -OpenIdConnect -Issuer <CAS's issuer>.");
                case OidcDiscoveryFault.HttpStatus:
                    return Failed(document + " answers " + found + " instead of the discovery document",
                        "The discovery document must answer anonymous GETs with 200: the CAS administrator checks CAS's log and lets the /oidc/ paths past any SSO gateway or proxy rule.");
                case OidcDiscoveryFault.NotJson:
                    return Failed(document + " answers with " + found + ", not a discovery document: something in front of CAS (an SSO gateway, a proxy) answers instead",
                        "The CAS administrator lets " + issuer + "/ reach CAS itself (the gateway or proxy must pass the /oidc/ paths through unchanged).");
                case OidcDiscoveryFault.IssuerMismatch:
                    return Failed(document + " states the issuer " + found + ", not " + issuer + ": CasAws logs in only with the document of the issuer it reads",
                        "The CAS administrator sets cas.authn.oidc.core.issuer=" + issuer + " (CAS's default, http://localhost:8080/cas/oidc, is right only on the server itself); "
                        + "if the stated issuer is the right public URL, connect with it: Connect-CasAws -OpenIdConnect -Issuer <that URL>.");
                case OidcDiscoveryFault.MissingEndpoint:
                    return Failed(document + " names no " + found + ": the browser login cannot start",
                        "CAS publishes its endpoints itself: the CAS administrator serves CAS's own document at that URL (not a static or proxy copy) and checks the OpenID Connect module's settings.");
                case OidcDiscoveryFault.ForeignEndpoint:
                    return Failed(document + " names its " + found + ", which is not on " + new Uri(issuer).GetLeftPart(UriPartial.Authority) + ": CasAws sends no login there",
                        "CAS builds its endpoints from its configured URLs: behind a reverse proxy, the CAS administrator sets cas.server.prefix and cas.authn.oidc.core.issuer to the public https address users reach.");
                default:
                    throw new ArgumentOutOfRangeException(nameof(fault), fault, null);
            }
        }

        /// <summary>No document at all: the network, TLS, the time allowed, or an oversized answer.</summary>
        private static SetupCheck Unread(CasAwsException failure)
        {
            string found = TerminalText.Visible(failure.Message);
            switch (failure.ErrorId)
            {
                case ErrorIds.CasCertificateUntrusted:
                    return Failed(found, "Give the CA that issued the certificate: -CaBundlePath company-ca.pem (saved with the connection).");
                case ErrorIds.OidcServerTimeout:
                case ErrorIds.OidcServerUnreachable:
                    return Failed(found, "Check the server URL or -Issuer, the network and the proxy (-Proxy).");
                default:
                    return Failed(found, "The CAS administrator checks the OpenID Connect module (cas.authn.oidc.core.issuer and what answers at its discovery URL).");
            }
        }

        private static SetupCheck Failed(string found, string fix) => new SetupCheck(Name, SetupCheckStatus.Fail, found, fix);
    }
}
