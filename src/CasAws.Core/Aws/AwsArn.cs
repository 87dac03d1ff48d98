using System.Text.RegularExpressions;

namespace CasAws.Aws
{
    /// <summary>
    /// The one reader of IAM and STS ARNs: what an exact role ARN is (IAM's path and name characters), and
    /// its partition, account, path and name. Every caller (role lists, -RoleArn, the cache-fill rule, the
    /// server-value check, the helper) asks here.
    /// </summary>
    internal static class AwsArn
    {
        /// <summary>arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME; the path is IAM's printable ASCII, at most 512 characters.</summary>
        internal const string RoleArnPattern =
            "^arn:(?<partition>aws[a-z-]{0,20}):iam::(?<account>[0-9]{12}):role/(?<path>[\\x21-\\x7E]{0,510}/)?(?<name>[A-Za-z0-9_+=,.@-]{1,64})\\z";

        private static readonly Regex RoleArn = new Regex(RoleArnPattern, RegexOptions.CultureInvariant, System.TimeSpan.FromSeconds(1));

        private static readonly Regex AssumedRole = new Regex(
            "^arn:(?<partition>aws[a-z-]*):sts::(?<account>[0-9]{12}):assumed-role/(?<name>[A-Za-z0-9_+=,.@-]{1,64})/[A-Za-z0-9_+=,.@-]+$",
            RegexOptions.CultureInvariant);

        private static readonly Regex AnyArn = new Regex("^arn:(?<partition>aws[a-z-]*):[a-z0-9-]+:[a-z0-9-]*:(?<account>[0-9]{12})?:", RegexOptions.CultureInvariant);

        /// <summary>True for arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME.</summary>
        public static bool IsRoleArn(string? value) => value != null && RoleArn.IsMatch(value);

        /// <summary>
        /// Whether what a user typed for -RoleArn is meant as an ARN (as opposed to a role name or a
        /// wildcard pattern); it may still be a malformed one, which <see cref="IsRoleArn"/> tells.
        /// </summary>
        public static bool LooksLikeArn(string text) => text.StartsWith("arn:", System.StringComparison.OrdinalIgnoreCase);

        /// <summary>The parts of an exact role ARN; false for anything else.</summary>
        public static bool TryParseRole(string? arn, out string partition, out string account, out string path, out string name)
        {
            Match match = arn == null ? Match.Empty : RoleArn.Match(arn);
            partition = match.Success ? match.Groups["partition"].Value : string.Empty;
            account = match.Success ? match.Groups["account"].Value : string.Empty;
            path = match.Success ? "/" + match.Groups["path"].Value : "/";
            name = match.Success ? match.Groups["name"].Value : string.Empty;
            return match.Success;
        }

        /// <summary>
        /// Whether an STS assumed-role ARN (arn:P:sts::ACCOUNT:assumed-role/NAME/SESSION) is a session of the role
        /// <paramref name="roleArn"/> (arn:P:iam::ACCOUNT:role/[PATH/]NAME): same partition, account and name.
        /// </summary>
        public static bool IsSessionOf(string? assumedRoleArn, string? roleArn) =>
            TryParseRole(roleArn, out _, out _, out _, out _)
            && string.Equals(RoleArnFromAssumedRole(assumedRoleArn), WithoutPath(roleArn!), System.StringComparison.Ordinal);

        private static string WithoutPath(string roleArn)
        {
            TryParseRole(roleArn, out string partition, out string account, out _, out string name);
            return "arn:" + partition + ":iam::" + account + ":role/" + name;
        }

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
