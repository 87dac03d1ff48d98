using System;
using CasAws.Cas;

namespace CasAws.Profiles
{
    /// <summary>What Register-CasAwsProfile was given for the helper's own logins (each null when not given); never a password.</summary>
    internal sealed class ProfileLoginOptions
    {
        public string? UserName { get; set; }

        public TimeSpan? Duration { get; set; }

        public string? EndpointPath { get; set; }

        public TimeSpan? Timeout { get; set; }

        /// <summary>As the user wrote it; <see cref="SingleProfileRegistration.HelperArguments"/> turns it into a checked full path.</summary>
        public string? CaBundlePath { get; set; }

        public Uri? Proxy { get; set; }

        public CasMfaProvider? MfaProvider { get; set; }

        public string? MfaAccount { get; set; }

        public string? DuoProviderId { get; set; }

        public string? Service { get; set; }
    }
}
