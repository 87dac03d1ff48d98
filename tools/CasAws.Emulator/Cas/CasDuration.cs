using System.Globalization;
using System.Text.RegularExpressions;

namespace CasAws.Emulator.Cas;

/// <summary>
/// CAS's Beans.newDuration: a plain number is seconds, anything else must be a java.time.Duration
/// ISO-8601 text (PnDTnHnMn.nS). Returns null where Java would throw (CAS then answers 500).
/// </summary>
public static class CasDuration
{
    private static readonly Regex Iso = new(
        @"^([-+]?)P(?:([-+]?[0-9]+)D)?(T(?:([-+]?[0-9]+)H)?(?:([-+]?[0-9]+)M)?(?:([-+]?[0-9]+)(?:[.,]([0-9]{0,9}))?S)?)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex JavaNumber = new(@"^[-+]?(\d+\.?\d*|\.\d+|0[xX][0-9a-fA-F]+)([eE][-+]?\d+)?[dDfFlL]?$", RegexOptions.CultureInvariant);

    public static long? ToSeconds(string text)
    {
        if (JavaNumber.IsMatch(text))
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
        var match = Iso.Match(text);
        if (!match.Success) return null;
        var timePart = match.Groups[3];
        if (!match.Groups[2].Success && !timePart.Success) return null;
        if (timePart.Success && timePart.Value.Length == 1) return null; // "PT" with nothing after it
        try
        {
            checked
            {
                long Part(int group, long unit) => match.Groups[group].Success ? long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) * unit : 0;
                var total = Part(2, 86400) + Part(4, 3600) + Part(5, 60) + Part(6, 1);
                if (match.Groups[6].Success && match.Groups[6].Value.StartsWith('-') && match.Groups[7].Success && match.Groups[7].Value.Trim('0').Length > 0)
                    total -= 1; // Java keeps the fraction's sign with the seconds: PT-1.5S is -2 s plus 0.5 s
                return match.Groups[1].Value == "-" ? -total : total;
            }
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
