using System;
using System.Globalization;
using CasAws.Errors;

namespace CasAws.Cas
{
    /// <summary>STS's limits on how long temporary credentials may live, checked before spending a push.</summary>
    internal static class StsDurationRules
    {
        public static readonly TimeSpan Minimum = TimeSpan.FromSeconds(900);
        public static readonly TimeSpan RoleMaximum = TimeSpan.FromHours(12);
        public static readonly TimeSpan SessionTokenMaximum = TimeSpan.FromHours(36);
        public static readonly TimeSpan Default = TimeSpan.FromHours(1);

        /// <summary>The duration, when STS would accept it.</summary>
        /// <param name="target">What the error names (the role, the server, the profile, the duration itself).</param>
        /// <exception cref="CasAwsException">DurationOutOfRange, with <see cref="Check"/>'s message.</exception>
        public static TimeSpan Require(TimeSpan duration, bool roleMode, object target)
        {
            string? problem = Check(duration, roleMode);
            return problem == null ? duration : throw new CasAwsException(ErrorIds.DurationOutOfRange, CasAwsErrorKind.InvalidArgument, target, problem);
        }

        /// <summary>Null when the duration can be asked for; otherwise a message that says what to pass.</summary>
        /// <param name="roleMode">True when a role will be assumed (12 h at most); false or unknown allows 36 h.</param>
        public static string? Check(TimeSpan duration, bool roleMode)
        {
            if (duration < Minimum)
            {
                return string.Format(CultureInfo.InvariantCulture,
                    "The duration {0} is shorter than AWS STS allows (15 minutes). Pass -Duration 00:15:00 or longer.", Describe(duration));
            }

            TimeSpan maximum = roleMode ? RoleMaximum : SessionTokenMaximum;
            if (duration > maximum)
            {
                return roleMode
                    ? string.Format(CultureInfo.InvariantCulture,
                        "The duration {0} is longer than AWS STS allows for a role (12 hours at most, and only if the role's maximum session duration allows it). Pass a shorter -Duration, e.g. 01:00:00.", Describe(duration))
                    : string.Format(CultureInfo.InvariantCulture,
                        "The duration {0} is longer than AWS STS allows (36 hours for session tokens, 12 hours for roles). Pass a shorter -Duration, e.g. 01:00:00.", Describe(duration));
            }

            return null;
        }

        public static string Describe(TimeSpan duration) =>
            duration.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s";

        /// <summary>How a -Duration was understood, for -Verbose: "36 h (129600 s)", "1 h 30 min (5400 s)".</summary>
        public static string Explain(TimeSpan duration)
        {
            long totalSeconds = (long)duration.TotalSeconds;
            long hours = totalSeconds / 3600;
            long minutes = totalSeconds % 3600 / 60;
            long seconds = totalSeconds % 60;
            string text = hours > 0 ? hours.ToString(CultureInfo.InvariantCulture) + " h" : string.Empty;
            if (minutes > 0) text += (text.Length > 0 ? " " : string.Empty) + minutes.ToString(CultureInfo.InvariantCulture) + " min";
            if (seconds > 0 || text.Length == 0) text += (text.Length > 0 ? " " : string.Empty) + seconds.ToString(CultureInfo.InvariantCulture) + " s";
            return text + " (" + Describe(duration) + ")";
        }
    }
}
