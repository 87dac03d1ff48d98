using System;
using System.Collections.Generic;
using System.Text;
using CasAws.Validation;

namespace CasAws.Files
{
    /// <summary>
    /// An AWS credentials or config file held as its original lines, so that an edit changes only the
    /// lines it means to and every other byte (comments, blank lines, CRLF or LF, a missing final
    /// newline, odd encodings) comes back exactly as it was read.
    /// </summary>
    /// <remarks>
    /// The bytes are decoded as Latin-1, which maps each byte to one char and back without loss; text we
    /// add is UTF-8 encoded first and then carried the same way. Parsing follows Python's configparser as
    /// botocore uses it: '#' and ';' start full-line comments, '=' or ':' separates a key, key names are
    /// case-insensitive, an indented line after a key continues that key's value.
    /// </remarks>
    internal sealed class IniDocument
    {
        private static readonly Encoding Latin1 = Encoding.GetEncoding(28591);
        private readonly List<IniLine> _lines;
        private readonly string _newLine;

        private IniDocument(List<IniLine> lines, string newLine)
        {
            _lines = lines;
            _newLine = newLine;
        }

        /// <summary>Parses file bytes; throws <see cref="IniFormatException"/> for a line botocore could not read.</summary>
        public static IniDocument Parse(byte[] content, string defaultNewLine)
        {
            string text = Latin1.GetString(content);
            var lines = new List<IniLine>();
            string? firstNewLine = null;
            int start = 0;
            while (start < text.Length)
            {
                int newLineAt = text.IndexOf('\n', start);
                string body;
                string ending;
                if (newLineAt < 0)
                {
                    body = text.Substring(start);
                    ending = string.Empty;
                    start = text.Length;
                }
                else
                {
                    bool crlf = newLineAt > start && text[newLineAt - 1] == '\r';
                    body = text.Substring(start, newLineAt - start - (crlf ? 1 : 0));
                    ending = crlf ? "\r\n" : "\n";
                    start = newLineAt + 1;
                }

                firstNewLine ??= ending.Length > 0 ? ending : null;
                lines.Add(IniLine.Classify(body, ending));
            }

            Validate(lines);
            return new IniDocument(lines, firstNewLine ?? defaultNewLine);
        }

        public byte[] ToBytes()
        {
            var builder = new StringBuilder();
            foreach (IniLine line in _lines)
            {
                builder.Append(line.Body).Append(line.Ending);
            }

            return Latin1.GetBytes(builder.ToString());
        }

        /// <summary>The header text of every section, in file order (as written between the brackets).</summary>
        public IEnumerable<string> SectionHeaders()
        {
            foreach (IniLine line in _lines)
            {
                if (line.Kind == IniLineKind.Section)
                {
                    yield return FromFileText(line.Name!);
                }
            }
        }

        public bool HasSection(Func<string, bool> isSection) => FindSection(isSection) is not null;

        /// <summary>The values of a section's keys (lower-cased names, first line of each value), or null when there is no such section.</summary>
        public IReadOnlyDictionary<string, string>? ReadSection(Func<string, bool> isSection)
        {
            SectionRange? range = FindSection(isSection);
            if (range is null)
            {
                return null;
            }

            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (int i = range.Header + 1; i < range.End; i++)
            {
                IniLine line = _lines[i];
                if (line.Kind == IniLineKind.Key && !values.ContainsKey(FromFileText(line.Name!)))
                {
                    values[FromFileText(line.Name!)] = FromFileText(line.Value!);
                }
            }

            return values;
        }

        /// <summary>
        /// Sets keys in a section (creating it at the end of the file when missing) and removes keys;
        /// keys not named stay as they are. Returns whether anything changed.
        /// </summary>
        public bool SetKeys(Func<string, bool> isSection, string headerForNewSection,
            IEnumerable<KeyValuePair<string, string>> values, IEnumerable<string> keysToRemove)
        {
            var valueList = new List<KeyValuePair<string, string>>(values);
            RefuseControlCharacters("section name", headerForNewSection);
            foreach (KeyValuePair<string, string> pair in valueList)
            {
                RefuseControlCharacters("key name", pair.Key);
                RefuseControlCharacters("value of '" + pair.Key + "'", pair.Value);
            }

            values = valueList;
            string before = Snapshot();
            SectionRange range = FindSection(isSection) ?? AppendSection(headerForNewSection);
            var setting = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, string> pair in values)
            {
                setting.Add(pair.Key);
            }

            foreach (string key in keysToRemove)
            {
                if (setting.Contains(key))
                {
                    continue; // replaced in place below, so it keeps its position
                }

                int index;
                while ((index = FindKey(range, key)) >= 0)
                {
                    int removed = RemoveKeyLines(index, out string lastEnding);
                    if (lastEnding.Length == 0 && index == _lines.Count)
                    {
                        // The removed key ended a file without a final newline: so does the line before it now.
                        _lines[index - 1] = IniLine.Classify(_lines[index - 1].Body, string.Empty);
                    }

                    range = new SectionRange(range.Header, range.End - removed);
                }
            }

            foreach (KeyValuePair<string, string> pair in values)
            {
                string body = ToFileText(pair.Key) + " = " + ToFileText(pair.Value);
                int index = FindKey(range, pair.Key);
                if (index >= 0)
                {
                    int removed = RemoveKeyLines(index, out string lastEnding);
                    _lines.Insert(index, IniLine.Classify(body, lastEnding));
                    range = new SectionRange(range.Header, range.End - removed + 1);
                }
                else
                {
                    InsertAfter(LastContentLine(range), body);
                    range = new SectionRange(range.Header, range.End + 1);
                }
            }

            return Snapshot() != before;
        }

        /// <summary>
        /// Removes a section: its header, keys and blank lines, keeping a comment block that sits directly
        /// above the next section (it describes that one). Returns whether the section existed.
        /// </summary>
        public bool RemoveSection(Func<string, bool> isSection)
        {
            SectionRange? range = FindSection(isSection);
            if (range is null)
            {
                return false;
            }

            int end = range.End;
            if (end < _lines.Count)
            {
                while (end - 1 > range.Header && _lines[end - 1].Kind == IniLineKind.Comment)
                {
                    end--;
                }
            }

            int start = range.Header;
            bool atEndOfFile = range.End == _lines.Count;
            if (atEndOfFile)
            {
                // The blank line that separated this section from the one above goes with it.
                while (start > 0 && _lines[start - 1].Kind == IniLineKind.Blank)
                {
                    start--;
                }
            }

            string removedEnding = _lines[end - 1].Ending;
            _lines.RemoveRange(start, end - start);
            if (atEndOfFile && removedEnding.Length == 0 && _lines.Count > 0)
            {
                // The file had no final newline: the line that is now last has none either.
                IniLine last = _lines[_lines.Count - 1];
                _lines[_lines.Count - 1] = IniLine.Classify(last.Body, string.Empty);
            }

            return true;
        }

        /// <summary>The sink's own check, whatever validated the value before: one control character and nothing is changed.</summary>
        private static void RefuseControlCharacters(string what, string text)
        {
            foreach (char c in text)
            {
                if (ControlCharacters.IsControl(c))
                {
                    throw new IniValueUnsafeException(what, c);
                }
            }
        }

        internal static string ToFileText(string value) => Latin1.GetString(Encoding.UTF8.GetBytes(value));

        private static string FromFileText(string value) => Encoding.UTF8.GetString(Latin1.GetBytes(value));

        private static void Validate(List<IniLine> lines)
        {
            bool inSection = false;
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < lines.Count; i++)
            {
                IniLine line = lines[i];
                switch (line.Kind)
                {
                    case IniLineKind.Section:
                        inSection = true;
                        if (seen.TryGetValue(line.Name!, out int firstLine))
                        {
                            throw new IniFormatException(i + 1,
                                $"section [{FromFileText(line.Name!)}] appears again (first at line {firstLine}), which the AWS CLI rejects too");
                        }

                        seen[line.Name!] = i + 1;
                        break;
                    case IniLineKind.Key when !inSection:
                        throw new IniFormatException(i + 1, "a key appears before the first [section] header");
                    case IniLineKind.Continuation when !inSection:
                        throw new IniFormatException(i + 1, "an indented line appears before the first [section] header");
                    case IniLineKind.Malformed:
                        throw new IniFormatException(i + 1, "the line is neither a [section] header, a 'key = value' pair, a comment nor blank");
                }
            }
        }

        private string Snapshot()
        {
            var builder = new StringBuilder();
            foreach (IniLine line in _lines)
            {
                builder.Append(line.Body).Append(line.Ending);
            }

            return builder.ToString();
        }

        private SectionRange? FindSection(Func<string, bool> isSection)
        {
            for (int i = 0; i < _lines.Count; i++)
            {
                if (_lines[i].Kind == IniLineKind.Section && isSection(FromFileText(_lines[i].Name!)))
                {
                    int end = i + 1;
                    while (end < _lines.Count && _lines[end].Kind != IniLineKind.Section)
                    {
                        end++;
                    }

                    return new SectionRange(i, end);
                }
            }

            return null;
        }

        private SectionRange AppendSection(string header)
        {
            if (_lines.Count > 0)
            {
                InsertAfter(_lines.Count - 1, string.Empty);
            }

            string body = "[" + ToFileText(header) + "]";
            if (_lines.Count == 0)
            {
                _lines.Add(IniLine.Classify(body, _newLine));
            }
            else
            {
                InsertAfter(_lines.Count - 1, body);
            }

            return new SectionRange(_lines.Count - 1, _lines.Count);
        }

        /// <summary>Inserts a line after another; the new line takes over the old one's ending so a file without a final newline keeps none.</summary>
        private void InsertAfter(int index, string body)
        {
            IniLine previous = _lines[index];
            string ending = previous.Ending.Length == 0 ? string.Empty : _newLine;
            if (previous.Ending.Length == 0)
            {
                _lines[index] = IniLine.Classify(previous.Body, _newLine);
            }

            _lines.Insert(index + 1, IniLine.Classify(body, ending));
        }

        private int FindKey(SectionRange range, string key)
        {
            string fileKey = ToFileText(key);
            for (int i = range.Header + 1; i < range.End; i++)
            {
                if (_lines[i].Kind == IniLineKind.Key && string.Equals(_lines[i].Name, fileKey, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Removes a key line and its continuation lines; returns how many lines went and the last one's ending.</summary>
        private int RemoveKeyLines(int index, out string lastEnding)
        {
            int count = 1;
            while (index + count < _lines.Count && _lines[index + count].Kind == IniLineKind.Continuation)
            {
                count++;
            }

            lastEnding = _lines[index + count - 1].Ending;
            _lines.RemoveRange(index, count);
            return count;
        }

        /// <summary>The header or the last key (or continuation) line of a section: where a new key goes.</summary>
        private int LastContentLine(SectionRange range)
        {
            int last = range.Header;
            for (int i = range.Header + 1; i < range.End; i++)
            {
                if (_lines[i].Kind == IniLineKind.Key || _lines[i].Kind == IniLineKind.Continuation)
                {
                    last = i;
                }
            }

            return last;
        }

        private sealed class SectionRange
        {
            public SectionRange(int header, int end)
            {
                Header = header;
                End = end;
            }

            public int Header { get; }

            /// <summary>One past the section's last line (the next header or the end of the file).</summary>
            public int End { get; }
        }
    }
}
