using System.Text;

namespace CasAws.Validation
{
    /// <summary>
    /// A PowerShell single-quoted string literal for code that has no System.Management.Automation (the
    /// credential_process helper). It doubles every character PowerShell's parser takes as a single quote:
    /// U+0027 and the typographic U+2018-U+201B, exactly as CodeGeneration.EscapeSingleQuotedStringContent
    /// does (a unit test compares the two over every UTF-16 code unit). The cmdlets use CodeGeneration itself.
    /// </summary>
    internal static class PowerShellQuoting
    {
        /// <summary>The literal, quotes included; null when <paramref name="value"/> holds a control character, which no quoting makes safe to paste.</summary>
        public static string? SingleQuoted(string value)
        {
            if (ControlCharacters.IndexOf(value) >= 0)
            {
                return null;
            }

            var literal = new StringBuilder(value.Length + 2).Append('\'');
            foreach (char c in value)
            {
                literal.Append(c);
                if (IsSingleQuote(c))
                {
                    literal.Append(c);
                }
            }

            return literal.Append('\'').ToString();
        }

        public static bool IsSingleQuote(char c) => c == '\'' || (c >= '\u2018' && c <= '\u201B');
    }
}
