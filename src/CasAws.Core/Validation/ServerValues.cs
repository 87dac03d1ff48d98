using System.Globalization;
using System.Text.RegularExpressions;

namespace CasAws.Validation
{
    /// <summary>
    /// The one place that says whether a value from a server (CAS, STS, the federation endpoint) has the
    /// shape AWS documents for it. Every server value passes here before it is kept, cached, written or
    /// shown; a value that fails makes the whole answer malformed. Problems never quote the value itself,
    /// which may be a secret or hold terminal escapes.
    /// </summary>
    internal static class ServerValues
    {
        public const int MaxSessionTokenLength = 16384;

        private static readonly Regex AccessKeyIdShape = Shape("^[A-Za-z0-9_]{16,128}\\z");
        private static readonly Regex SecretShape = Shape("^[A-Za-z0-9+/=]{16,128}\\z");
        private static readonly Regex SessionTokenShape = Shape("^[A-Za-z0-9+/=]{16," + MaxSessionTokenLength.ToString(CultureInfo.InvariantCulture) + "}\\z");
        private static readonly Regex RegionShape = Shape("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\z");
        private static readonly Regex RoleArnShape = Shape(Aws.AwsArn.RoleArnPattern);
        private static readonly Regex AccountIdShape = Shape("^[0-9]{12}\\z");
        private static readonly Regex ArnShape = Shape("^arn:aws[a-z-]{0,20}:[a-z0-9-]{1,64}:[a-z0-9-]{0,64}:[0-9]{0,12}:[\\x21-\\x7E]{1,1900}\\z");
        private static readonly Regex UserIdShape = Shape("^[\\x21-\\x7E]{1,2048}\\z");
        private static readonly Regex SigninTokenShape = Shape("^[A-Za-z0-9_.~+/=%-]{1,16384}\\z");

        /// <summary>Null when <paramref name="value"/> has its kind's shape; otherwise why not, without the value.</summary>
        public static string? Problem(ServerValueKind kind, string? value)
        {
            if (value is null || value.Length == 0)
            {
                return "is missing or empty";
            }

            int control = ControlCharacters.IndexOf(value);
            if (control >= 0)
            {
                return "holds the control character " + ControlCharacters.CodePoint(value[control]) + " at position " + (control + 1).ToString(CultureInfo.InvariantCulture);
            }

            return ShapeOf(kind).IsMatch(value) ? null : "is not " + Describe(kind);
        }

        public static bool IsValid(ServerValueKind kind, string? value) => Problem(kind, value) is null;

        private static Regex ShapeOf(ServerValueKind kind)
        {
            switch (kind)
            {
                case ServerValueKind.AccessKeyId: return AccessKeyIdShape;
                case ServerValueKind.SecretAccessKey: return SecretShape;
                case ServerValueKind.SessionToken: return SessionTokenShape;
                case ServerValueKind.Region: return RegionShape;
                case ServerValueKind.RoleArn: return RoleArnShape;
                case ServerValueKind.AccountId: return AccountIdShape;
                case ServerValueKind.Arn: return ArnShape;
                case ServerValueKind.UserId: return UserIdShape;
                default: return SigninTokenShape;
            }
        }

        private static string Describe(ServerValueKind kind)
        {
            switch (kind)
            {
                case ServerValueKind.AccessKeyId: return "16 to 128 letters, digits or '_', as AWS access key ids are";
                case ServerValueKind.SecretAccessKey: return "16 to 128 base64 characters, as AWS secret keys are";
                case ServerValueKind.SessionToken: return "16 to " + MaxSessionTokenLength.ToString(CultureInfo.InvariantCulture) + " base64 characters, as AWS session tokens are";
                case ServerValueKind.Region: return "an AWS region name (lower-case letters, digits and '-')";
                case ServerValueKind.RoleArn: return "an IAM role ARN (arn:aws:iam::123456789012:role/Name)";
                case ServerValueKind.AccountId: return "a 12-digit AWS account id";
                case ServerValueKind.Arn: return "an ARN of printable characters";
                case ServerValueKind.UserId: return "an AWS user id of printable characters";
                default: return "a sign-in token of URL-safe characters";
            }
        }

        private static Regex Shape(string pattern) => new Regex(pattern, RegexOptions.CultureInvariant);
    }
}
