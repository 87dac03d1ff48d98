using System;
using System.Globalization;
using System.Management.Automation;
using System.Xml;

namespace CasAws.Commands
{
    /// <summary>
    /// Lets -Duration take a number of seconds (3600) or ISO 8601 text (PT1H) as well as a TimeSpan
    /// or '01:00:00'. Without it PowerShell would read 3600 as 3600 ticks.
    /// </summary>
    internal sealed class DurationTransformationAttribute : ArgumentTransformationAttribute
    {
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
