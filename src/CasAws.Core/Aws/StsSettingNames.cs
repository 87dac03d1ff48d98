namespace CasAws.Aws
{
    /// <summary>
    /// How the user of a command points it at another STS endpoint or region, for the advice in STS errors:
    /// the STS cmdlets' -EndpointUrl, -Region and -TimeoutSec, or, for a command without them (Get-CasAwsCredential
    /// in a browser session, the credential_process helper), only the environment variables the AWS CLI reads too.
    /// </summary>
    internal sealed class StsSettingNames
    {
        public static readonly StsSettingNames Parameters = new StsSettingNames(
            "-EndpointUrl (or AWS_ENDPOINT_URL_STS)", "-Region us-east-1", "-Region there",
            "Pass -Region with a real region, or remove AWS_REGION.",
            "Pass -EndpointUrl like https://sts.eu-west-1.amazonaws.com, or fix AWS_ENDPOINT_URL_STS.",
            ", or allow more time with -TimeoutSec");

        public static readonly StsSettingNames EnvironmentOnly = new StsSettingNames(
            "AWS_ENDPOINT_URL_STS", "AWS_REGION=us-east-1", "AWS_REGION set to one of their regions",
            "Set AWS_REGION to a real region, or remove it.",
            "Set AWS_ENDPOINT_URL_STS (or AWS_ENDPOINT_URL) to a URL like https://sts.eu-west-1.amazonaws.com, or remove it.",
            string.Empty);

        private StsSettingNames(string endpoint, string otherRegion, string partitionRegion, string regionFix, string endpointFix, string moreTime)
        {
            Endpoint = endpoint;
            OtherRegion = otherRegion;
            PartitionRegion = partitionRegion;
            RegionFix = regionFix;
            EndpointFix = endpointFix;
            MoreTime = moreTime;
        }

        /// <summary>Where another STS endpoint is named.</summary>
        public string Endpoint { get; }

        /// <summary>How to choose another region, with an example.</summary>
        public string OtherRegion { get; }

        /// <summary>How China or GovCloud credentials reach their partition's STS.</summary>
        public string PartitionRegion { get; }

        /// <summary>The sentence that fixes a region name that is not one.</summary>
        public string RegionFix { get; }

        /// <summary>The sentence that fixes an endpoint that is not an http(s) URL.</summary>
        public string EndpointFix { get; }

        /// <summary>The clause that offers more time, or empty where the command has no -TimeoutSec for STS.</summary>
        public string MoreTime { get; }
    }
}
