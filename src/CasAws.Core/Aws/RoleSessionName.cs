using System;
using System.Text;
using System.Text.RegularExpressions;

namespace CasAws.Aws
{
    /// <summary>
    /// The RoleSessionName sent with AssumeRole: it shows in CloudTrail and in the assumed-role ARN, so it
    /// names the CAS user (CAS itself sends a random UUID). STS allows 2 to 64 of [A-Za-z0-9_+=,.@-].
    /// </summary>
    internal static class RoleSessionName
    {
        public const int MinLength = 2;
        public const int MaxLength = 64;

        private static readonly Regex Valid = new Regex("^[A-Za-z0-9_+=,.@-]{2,64}$", RegexOptions.CultureInvariant);

        public static bool IsValid(string? name) => name != null && Valid.IsMatch(name);

        /// <summary>
        /// A valid session name for <paramref name="userName"/>: every other character becomes '-',
        /// cut to 64 characters; too short or empty names are prefixed with 'casaws-'.
        /// </summary>
        public static string FromUserName(string? userName)
        {
            var builder = new StringBuilder(MaxLength);
            foreach (char c in (userName ?? string.Empty).Trim())
            {
                if (builder.Length == MaxLength)
                {
                    break;
                }

                builder.Append(IsAllowed(c) ? c : '-');
            }

            string name = builder.ToString().Trim('-');
            if (name.Length < MinLength)
            {
                name = ("casaws-" + name).TrimEnd('-');
            }

            return name.Length > MaxLength ? name.Substring(0, MaxLength) : name;
        }

        private static bool IsAllowed(char c) =>
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "_+=,.@-".IndexOf(c) >= 0;
    }
}
