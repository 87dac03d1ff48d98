using System;
using CasAws.Net;

namespace CasAws.Aws
{
    /// <summary>Where and how to call STS: a resolved URL, the region to sign for and the request timeout.</summary>
    internal sealed class StsEndpoint
    {
        public StsEndpoint(Uri serviceUrl, string signingRegion, TimeSpan timeout)
        {
            ServiceUrl = serviceUrl ?? throw new ArgumentNullException(nameof(serviceUrl));
            SigningRegion = signingRegion ?? throw new ArgumentNullException(nameof(signingRegion));
            Timeout = timeout;
        }

        public Uri ServiceUrl { get; }

        public string SigningRegion { get; }

        public TimeSpan Timeout { get; }

        /// <summary>Certificate trust and proxy for the call (plain values of this assembly: no SDK type crosses the bridge).</summary>
        public TransportSettings Transport { get; set; } = new TransportSettings();

        /// <summary>How the user of the calling command names another endpoint or region, for the advice in STS errors.</summary>
        public StsSettingNames SettingNames { get; set; } = StsSettingNames.Parameters;

        public override string ToString() => ServiceUrl.AbsoluteUri + " (" + SigningRegion + ")";
    }
}
