using System.Globalization;

namespace CasAws.Validation
{
    /// <summary>
    /// The characters no value CasAws passes on may hold: C0 (U+0000-U+001F), DEL, C1 (U+0080-U+009F)
    /// and the Unicode line and paragraph separators, each of which some reader, terminal or shell takes
    /// as a line break or a command. Used by the module and the helper alike.
    /// </summary>
    internal static class ControlCharacters
    {
        public static bool IsControl(char c) => char.IsControl(c) || c == '\u2028' || c == '\u2029';

        /// <summary>The position of the first control character, or -1.</summary>
        public static int IndexOf(string value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                if (IsControl(value[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        public static string CodePoint(char c) => "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
    }
}
