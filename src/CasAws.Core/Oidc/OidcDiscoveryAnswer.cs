using CasAws.Errors;

namespace CasAws.Oidc
{
    /// <summary>
    /// The outcome of reading a discovery document: the checked endpoints, or the fault with what the document
    /// said at that point (made visible) and the error a login reports for it.
    /// </summary>
    internal sealed class OidcDiscoveryAnswer
    {
        private OidcDiscoveryAnswer(OidcProviderEndpoints? endpoints, OidcDiscoveryFault fault, string? found, CasAwsException? failure)
        {
            Endpoints = endpoints;
            Fault = fault;
            Found = found;
            Failure = failure;
        }

        public OidcProviderEndpoints? Endpoints { get; }

        public OidcDiscoveryFault Fault { get; }

        /// <summary>What the server sent where the fault is (the status, the stated issuer, the endpoint's name and URL), control characters made visible; null when read.</summary>
        public string? Found { get; }

        /// <summary>The OidcUnexpectedAnswer error a login stops with; null when read.</summary>
        public CasAwsException? Failure { get; }

        public static OidcDiscoveryAnswer Read(OidcProviderEndpoints endpoints) => new OidcDiscoveryAnswer(endpoints, OidcDiscoveryFault.None, null, null);

        public static OidcDiscoveryAnswer Broken(OidcDiscoveryFault fault, string found, CasAwsException failure) => new OidcDiscoveryAnswer(null, fault, found, failure);

        /// <summary>The endpoints, or the fault's error.</summary>
        public OidcProviderEndpoints Require() => Endpoints ?? throw Failure!;
    }
}
