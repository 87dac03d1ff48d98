using System.Globalization;
using System.Text;

namespace CasAws.Validation
{
    /// <summary>
    /// Server text about to be shown to a person (role names, error texts) with every character a
    /// terminal would act on made visible: ESC becomes the four characters \x1b, so a crafted role
    /// name cannot recolour, move the cursor, retitle the window or hide text. Bidirectional overrides
    /// are shown too, so a name cannot display as another.
    /// </summary>
    internal static class TerminalText
    {
        public static string Visible(string? text)
        {
            if (text is null)
            {
                return string.Empty;
            }

            int first = 0;
            while (first < text.Length && !NeedsEscape(text[first]))
            {
                first++;
            }

            if (first == text.Length)
            {
                return text;
            }

            var visible = new StringBuilder(text.Length + 8).Append(text, 0, first);
            for (int i = first; i < text.Length; i++)
            {
                char c = text[i];
                if (!NeedsEscape(c))
                {
                    visible.Append(c);
                }
                else if (c <= '\u00FF')
                {
                    visible.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                }
                else
                {
                    visible.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                }
            }

            return visible.ToString();
        }

        private static bool NeedsEscape(char c) =>
            ControlCharacters.IsControl(c)
            || c == '\u200E' || c == '\u200F'            // left-to-right / right-to-left marks
            || (c >= '\u202A' && c <= '\u202E')          // embeddings and overrides
            || (c >= '\u2066' && c <= '\u2069');         // isolates
    }
}
