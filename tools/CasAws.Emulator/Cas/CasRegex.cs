using System.Text.RegularExpressions;

namespace CasAws.Emulator.Cas;

/// <summary>CAS's RegexUtils.find: partial-match semantics, and an invalid pattern matches nothing.</summary>
public static class CasRegex
{
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
