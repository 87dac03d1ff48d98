using System;

namespace CasAws.Aws
{
    /// <summary>An AssumeRole request, already validated (see <see cref="RoleChainRules"/>).</summary>
    internal sealed class RoleChainRequest
    {
        public RoleChainRequest(string roleArn, string roleSessionName, TimeSpan duration)
        {
            RoleArn = roleArn;
            RoleSessionName = roleSessionName;
            Duration = duration;
        }

        public string RoleArn { get; }

        public string RoleSessionName { get; }

        public TimeSpan Duration { get; }

        public string? ExternalId { get; set; }

        /// <summary>The AWS MFA device (serial number or ARN); sent with <see cref="TokenCode"/>.</summary>
        public string? SerialNumber { get; set; }

        public string? TokenCode { get; set; }
    }
}
