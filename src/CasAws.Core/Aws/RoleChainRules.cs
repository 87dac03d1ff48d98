using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CasAws.Aws
{
    /// <summary>
    /// What STS accepts for AssumeRole, checked before the call so that the user learns it from us
    /// rather than from a terse ValidationError (and, with an MFA code, before the code is spent).
    /// </summary>
    internal static class RoleChainRules
    {
        public static readonly TimeSpan MinimumDuration = TimeSpan.FromSeconds(900);
        public static readonly TimeSpan MaximumDuration = TimeSpan.FromHours(12);

        /// <summary>STS's cap when the caller's keys are themselves role keys (role chaining).</summary>
        public static readonly TimeSpan ChainingMaximum = TimeSpan.FromHours(1);

        private static readonly Regex ExternalIdPattern = new Regex("^[A-Za-z0-9_+=,.@:/-]{2,1224}$", RegexOptions.CultureInvariant);
        private static readonly Regex SerialNumberPattern = new Regex("^[A-Za-z0-9_+=/:,.@-]{9,256}$", RegexOptions.CultureInvariant);
        private static readonly Regex TokenCodePattern = new Regex("^[0-9]{6}$", RegexOptions.CultureInvariant);

        /// <summary>Null when <paramref name="duration"/> is acceptable, else a message saying what to pass.</summary>
        /// <param name="sourceIsRole">True when the source keys are known to be role keys; null when unknown.</param>
        public static string? CheckDuration(TimeSpan duration, bool? sourceIsRole)
        {
            if (duration < MinimumDuration || duration > MaximumDuration)
            {
                return string.Format(CultureInfo.InvariantCulture,
                    "-Duration {0} is outside what STS accepts for AssumeRole: from 15 minutes (00:15:00) to the role's maximum session duration, at most 12 hours.",
                    duration);
            }

            if (sourceIsRole == true && duration > ChainingMaximum)
            {
                return string.Format(CultureInfo.InvariantCulture,
                    "-Duration {0} is longer than STS allows here: the source credentials are themselves role credentials, and STS caps a role assumed with role credentials (role chaining) at 1 hour, whatever the role's maximum session duration. Pass -Duration 01:00:00 or less.",
                    duration);
            }

            return null;
        }

        public static bool IsExternalId(string value) => ExternalIdPattern.IsMatch(value);

        public static bool IsSerialNumber(string value) => SerialNumberPattern.IsMatch(value);

        public static bool IsTokenCode(string value) => TokenCodePattern.IsMatch(value);
    }
}
