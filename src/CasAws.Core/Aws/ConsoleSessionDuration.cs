using System;
using System.Globalization;
using CasAws.Cas;

namespace CasAws.Aws
{
    /// <summary>
    /// The federation endpoint's SessionDuration: how long the console session lasts, 900 to 43200 whole
    /// seconds, independent of the keys' own life. Checked before any call (AWS answers other values with 400).
    /// </summary>
    internal static class ConsoleSessionDuration
    {
        public static readonly TimeSpan Minimum = TimeSpan.FromSeconds(900);
        public static readonly TimeSpan Maximum = TimeSpan.FromHours(12);

        /// <summary>Null when the federation endpoint takes it; otherwise what to pass instead.</summary>
        public static string? Problem(TimeSpan duration)
        {
            if (duration < Minimum || duration > Maximum || duration.Ticks % TimeSpan.TicksPerSecond != 0)
            {
                return string.Format(CultureInfo.InvariantCulture,
                    "The console session length {0} is outside what the AWS federation endpoint accepts: whole seconds from 15 minutes to 12 hours (900 to 43200 s). Pass e.g. -SessionDuration 01:00:00.",
                    StsDurationRules.Describe(duration));
            }

            return null;
        }

        /// <summary>The value of the SessionDuration parameter.</summary>
        public static string Seconds(TimeSpan duration) => ((long)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture);
    }
}
