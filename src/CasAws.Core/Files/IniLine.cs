namespace CasAws.Files
{
    internal enum IniLineKind
    {
        Blank,
        Comment,
        Section,
        Key,
        Continuation,
        Malformed,
    }

    /// <summary>One line of an INI file: its text exactly as read (Latin-1 chars), its ending, and what it is.</summary>
    internal sealed class IniLine
    {
        private IniLine(string body, string ending, IniLineKind kind, string? name, string? value)
        {
            Body = body;
            Ending = ending;
            Kind = kind;
            Name = name;
            Value = value;
        }

        public string Body { get; }

        /// <summary>"\n", "\r\n", or empty for a last line without a newline.</summary>
        public string Ending { get; }

        public IniLineKind Kind { get; }

        /// <summary>The section header text or the key name (as in the file); null otherwise.</summary>
        public string? Name { get; }

        /// <summary>A key's value on this line, trimmed; null for other lines.</summary>
        public string? Value { get; }

        /// <summary>A UTF-8 byte order mark as Latin-1 chars: kept in the file, ignored for parsing.</summary>
        private const string ByteOrderMark = "\u00EF\u00BB\u00BF";

        public static IniLine Classify(string body, string ending)
        {
            string text = body.StartsWith(ByteOrderMark, System.StringComparison.Ordinal) ? body.Substring(ByteOrderMark.Length) : body;
            string trimmed = text.Trim();
            if (trimmed.Length == 0)
            {
                return new IniLine(body, ending, IniLineKind.Blank, null, null);
            }

            if (trimmed[0] == '#' || trimmed[0] == ';')
            {
                return new IniLine(body, ending, IniLineKind.Comment, null, null);
            }

            if (char.IsWhiteSpace(text[0]))
            {
                // configparser: an indented line continues the value of the key above it.
                return new IniLine(body, ending, IniLineKind.Continuation, null, null);
            }

            if (trimmed[0] == '[')
            {
                int close = trimmed.LastIndexOf(']');
                return close > 1
                    ? new IniLine(body, ending, IniLineKind.Section, trimmed.Substring(1, close - 1), null)
                    : new IniLine(body, ending, IniLineKind.Malformed, null, null);
            }

            int delimiter = trimmed.IndexOfAny(new[] { '=', ':' });
            if (delimiter <= 0)
            {
                return new IniLine(body, ending, IniLineKind.Malformed, null, null);
            }

            return new IniLine(body, ending, IniLineKind.Key,
                trimmed.Substring(0, delimiter).Trim(), trimmed.Substring(delimiter + 1).Trim());
        }
    }
}
