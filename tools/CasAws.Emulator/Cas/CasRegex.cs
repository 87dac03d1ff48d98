using System.Text.RegularExpressions;

namespace CasAws.Emulator.Cas;

/// <summary>CAS's RegexUtils: find (partial match) and matches (whole value); an invalid pattern matches nothing.</summary>
public static class CasRegex
{
    /// <summary>Whole-value match, as a registered service's serviceId is matched against a URL.</summary>
    public static bool Matches(string pattern, string value) => Find("^(?:" + pattern + ")$", value);

    public static bool Find(string pattern, string value)
    {
        try
        {
            return Regex.IsMatch(value, pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
