using System.Text.RegularExpressions;

namespace CasAws.Aws
{
    /// <summary>The bits of IAM/STS ARNs the STS features need: partition, account, role name.</summary>
    internal static class AwsArn
    {
        private static readonly Regex RoleArn = new Regex(
            "^arn:(?<partition>aws[a-z-]*):iam::(?<account>[0-9]{12}):role/(?:[\\x21-\\x7E]*/)?(?<name>[A-Za-z0-9_+=,.@-]{1,64})$",
            RegexOptions.CultureInvariant);

        private static readonly Regex AssumedRole = new Regex(
            "^arn:(?<partition>aws[a-z-]*):sts::(?<account>[0-9]{12}):assumed-role/(?<name>[A-Za-z0-9_+=,.@-]{1,64})/[A-Za-z0-9_+=,.@-]+$",
            RegexOptions.CultureInvariant);

        private static readonly Regex AnyArn = new Regex("^arn:(?<partition>aws[a-z-]*):[a-z0-9-]+:[a-z0-9-]*:(?<account>[0-9]{12})?:", RegexOptions.CultureInvariant);

        /// <summary>True for arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME.</summary>
        public static bool IsRoleArn(string? value) => value != null && RoleArn.IsMatch(value);

        /// <summary>The 12-digit account of a role ARN, or null.</summary>
        public static string? AccountOf(string? arn)
        {
            if (arn == null)
            {
                return null;
            }

            Match match = AnyArn.Match(arn);
            return match.Success && match.Groups["account"].Success && match.Groups["account"].Length == 12 ? match.Groups["account"].Value : null;
        }

        /// <summary>aws, aws-cn, aws-us-gov, ...; null when <paramref name="arn"/> is not an ARN.</summary>
        public static string? PartitionOf(string? arn)
        {
            if (arn == null)
            {
                return null;
            }

            Match match = AnyArn.Match(arn);
            return match.Success ? match.Groups["partition"].Value : null;
        }

        /// <summary>
        /// arn:P:iam::ACCOUNT:role/NAME for an STS arn:P:sts::ACCOUNT:assumed-role/NAME/SESSION (the role's
        /// path is not in the STS ARN, so a role with a path comes back without it); null for other ARNs.
        /// </summary>
        public static string? RoleArnFromAssumedRole(string? arn)
        {
            if (arn == null)
            {
                return null;
            }

            Match match = AssumedRole.Match(arn);
            return match.Success
                ? "arn:" + match.Groups["partition"].Value + ":iam::" + match.Groups["account"].Value + ":role/" + match.Groups["name"].Value
                : null;
        }

        /// <summary>
        /// The partition of a region name: cn-* is aws-cn, us-gov-* is aws-us-gov, anything else aws.
        /// </summary>
        public static string PartitionOfRegion(string? region)
        {
            if (region == null)
            {
                return "aws";
            }

            if (region.StartsWith("cn-", System.StringComparison.Ordinal))
            {
                return "aws-cn";
            }

            return region.StartsWith("us-gov-", System.StringComparison.Ordinal) ? "aws-us-gov" : "aws";
        }
    }
}
