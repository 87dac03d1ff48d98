using System;
using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Xml;

namespace CasAws.Commands
{
    /// <summary>
    /// Lets -Duration take a number of seconds (3600) or ISO 8601 text (PT1H) as well as a TimeSpan
    /// or '01:00:00'. Without it PowerShell would read 3600 as 3600 ticks, and '36:00:00' as 36 days
    /// (TimeSpan.Parse takes hours past 23 as days): here hours:minutes[:seconds] always means hours.
    /// </summary>
    internal sealed class DurationTransformationAttribute : ArgumentTransformationAttribute
    {
        private static readonly Regex HoursMinutesSeconds = new Regex(@"^(\d+):([0-5]?\d)(?::([0-5]?\d))?$", RegexOptions.CultureInvariant);

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case int seconds: return TimeSpan.FromSeconds(seconds);
                case long seconds: return TimeSpan.FromSeconds(seconds);
                case double seconds: return TimeSpan.FromSeconds(seconds);
                case string text:
                    string trimmed = text.Trim();
                    if (long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out long parsed)) return TimeSpan.FromSeconds(parsed);
                    Match clock = HoursMinutesSeconds.Match(trimmed);
                    if (clock.Success && long.TryParse(clock.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out long hours) && hours <= 100000)
                    {
                        int minutes = int.Parse(clock.Groups[2].Value, CultureInfo.InvariantCulture);
                        int seconds = clock.Groups[3].Success ? int.Parse(clock.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
                        return TimeSpan.FromHours(hours) + new TimeSpan(0, minutes, seconds);
                    }

                    if (trimmed.StartsWith("P", StringComparison.OrdinalIgnoreCase))
                    {
                        try
                        {
                            return XmlConvert.ToTimeSpan(trimmed.ToUpperInvariant());
                        }
                        catch (FormatException)
                        {
                            throw new ArgumentTransformationMetadataException("'" + text + "' is not an ISO 8601 duration such as PT1H. Pass a TimeSpan such as 01:00:00, or seconds such as 3600.");
                        }
                    }

                    return value;
                default:
                    return value;
            }
        }
    }
}
