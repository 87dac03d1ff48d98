using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace CasAws.Oidc
{
    /// <summary>
    /// A strict, bounded JSON reader for the OIDC answers (discovery, token, userinfo, id_token payload):
    /// objects become dictionaries, arrays lists, numbers doubles. The desktop build has no JSON library,
    /// and these documents are small. Anything malformed, too deep or too long is a <see cref="FormatException"/>
    /// whose message never quotes the input (it may hold tokens).
    /// </summary>
    internal sealed class OidcJson
    {
        public const int MaxLength = 256 * 1024;
        private const int MaxDepth = 32;
        private readonly string _text;
        private int _position;

        private OidcJson(string text)
        {
            _text = text;
        }

        /// <summary>The top-level JSON object.</summary>
        public static IReadOnlyDictionary<string, object?> ParseObject(string text)
        {
            if (text == null || text.Length > MaxLength) throw new FormatException("The JSON document is empty or too long.");
            var reader = new OidcJson(text);
            reader.SkipSpace();
            object? value = reader.ReadValue(0);
            reader.SkipSpace();
            if (reader._position != text.Length) throw Malformed(reader._position);
            return value as IReadOnlyDictionary<string, object?> ?? throw new FormatException("The JSON document is not an object.");
        }

        /// <summary>A string member, or null when absent or not a string.</summary>
        public static string? Text(IReadOnlyDictionary<string, object?> json, string name) =>
            json.TryGetValue(name, out object? value) ? value as string : null;

        /// <summary>A whole-number member (seconds since 1970 and such), or null.</summary>
        public static long? Number(IReadOnlyDictionary<string, object?> json, string name) =>
            json.TryGetValue(name, out object? value) && value is double number && number >= long.MinValue && number <= long.MaxValue
                ? (long?)Math.Floor(number)
                : null;

        /// <summary>A string, or the strings of an array (a claim CAS sends as one value or several); null when absent.</summary>
        public static IReadOnlyList<string>? Strings(IReadOnlyDictionary<string, object?> json, string name)
        {
            if (!json.TryGetValue(name, out object? value) || value == null) return null;
            if (value is string single) return new[] { single };
            if (!(value is List<object?> list)) return null;
            var strings = new List<string>();
            foreach (object? item in list)
            {
                if (item is string text) strings.Add(text);
            }

            return strings;
        }

        private object? ReadValue(int depth)
        {
            if (depth > MaxDepth) throw new FormatException("The JSON document nests too deeply.");
            if (_position >= _text.Length) throw Malformed(_position);
            char c = _text[_position];
            switch (c)
            {
                case '{': return ReadObject(depth);
                case '[': return ReadArray(depth);
                case '"': return ReadString();
                case 't': return ReadWord("true", true);
                case 'f': return ReadWord("false", false);
                case 'n': return ReadWord("null", null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) return ReadNumber();
                    throw Malformed(_position);
            }
        }

        private Dictionary<string, object?> ReadObject(int depth)
        {
            var result = new Dictionary<string, object?>(StringComparer.Ordinal);
            _position++;
            SkipSpace();
            if (Peek() == '}')
            {
                _position++;
                return result;
            }

            while (true)
            {
                SkipSpace();
                if (Peek() != '"') throw Malformed(_position);
                string name = ReadString();
                SkipSpace();
                Expect(':');
                SkipSpace();
                object? value = ReadValue(depth + 1);
                if (result.ContainsKey(name)) throw new FormatException("The JSON document has a member twice.");
                result[name] = value;
                SkipSpace();
                if (Peek() == ',')
                {
                    _position++;
                    continue;
                }

                Expect('}');
                return result;
            }
        }

        private List<object?> ReadArray(int depth)
        {
            var result = new List<object?>();
            _position++;
            SkipSpace();
            if (Peek() == ']')
            {
                _position++;
                return result;
            }

            while (true)
            {
                SkipSpace();
                result.Add(ReadValue(depth + 1));
                SkipSpace();
                if (Peek() == ',')
                {
                    _position++;
                    continue;
                }

                Expect(']');
                return result;
            }
        }

        private string ReadString()
        {
            Expect('"');
            var builder = new StringBuilder();
            while (true)
            {
                if (_position >= _text.Length) throw Malformed(_position);
                char c = _text[_position++];
                if (c == '"') return builder.ToString();
                if (c < ' ') throw Malformed(_position - 1);
                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }

                if (_position >= _text.Length) throw Malformed(_position);
                char escape = _text[_position++];
                switch (escape)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (_position + 4 > _text.Length || !int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                        {
                            throw Malformed(_position);
                        }

                        builder.Append((char)code);
                        _position += 4;
                        break;
                    default: throw Malformed(_position - 1);
                }
            }
        }

        private double ReadNumber()
        {
            int start = _position;
            while (_position < _text.Length && "+-0123456789.eE".IndexOf(_text[_position]) >= 0) _position++;
            if (!double.TryParse(_text.Substring(start, _position - start), NumberStyles.Float, CultureInfo.InvariantCulture, out double number)
                || double.IsInfinity(number) || double.IsNaN(number))
            {
                throw Malformed(start);
            }

            return number;
        }

        private object? ReadWord(string word, object? value)
        {
            if (string.CompareOrdinal(_text, _position, word, 0, word.Length) != 0) throw Malformed(_position);
            _position += word.Length;
            return value;
        }

        private char Peek() => _position < _text.Length ? _text[_position] : '\0';

        private void Expect(char c)
        {
            if (Peek() != c) throw Malformed(_position);
            _position++;
        }

        private void SkipSpace()
        {
            while (_position < _text.Length && (_text[_position] == ' ' || _text[_position] == '\t' || _text[_position] == '\n' || _text[_position] == '\r')) _position++;
        }

        private static FormatException Malformed(int position) =>
            new FormatException(string.Format(CultureInfo.InvariantCulture, "The JSON document is malformed at character {0}.", position));
    }
}
