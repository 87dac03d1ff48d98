using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace CasAws.Json
{
    /// <summary>
    /// Writing a JSON string, and reading members of what <see cref="PlatformJson"/> parsed: every caller
    /// (OpenID Connect, the federation endpoint, connections.json) takes values the same way.
    /// </summary>
    internal static class JsonText
    {
        /// <summary>A JSON string literal, quotes included.</summary>
        public static string Quote(string value)
        {
            var builder = new StringBuilder(value.Length + 2);
            builder.Append('"');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    default:
                        if (c < ' ')
                        {
                            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }

                        break;
                }
            }

            return builder.Append('"').ToString();
        }

        /// <summary>
        /// The value of the top-level string field <paramref name="name"/>, or null when the text is not a
        /// JSON object (malformed, too deep, a bad escape), lacks the field, or holds something else there.
        /// Never throws for any input.
        /// </summary>
        public static string? ReadStringField(string json, string name)
        {
            try
            {
                return Text(PlatformJson.ParseObject(json), name);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        /// <summary>A string member, or null when absent or not a string.</summary>
        public static string? Text(IReadOnlyDictionary<string, object?> json, string name) =>
            json.TryGetValue(name, out object? value) ? value as string : null;

        /// <summary>A whole-number member (seconds since 1970 and such), or null when absent, not a number or beyond a long.</summary>
        public static long? Number(IReadOnlyDictionary<string, object?> json, string name) =>
            json.TryGetValue(name, out object? value) && value is double number && number >= -9.2e18 && number <= 9.2e18
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
    }
}
