using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Xml;
using System.Xml.Linq;
#if !NETSTANDARD2_0
using System.Text.Json;
#endif

namespace CasAws.Json
{
    /// <summary>
    /// The one JSON reader of CasAws (OpenID Connect answers and id_tokens, the federation endpoint's
    /// answer, connections.json), with the reader each platform ships: System.Text.Json on PowerShell 7
    /// and the helper (.NET 8+), and on Windows PowerShell 5.1, where System.Text.Json is not in the box
    /// (as a package it would bring assemblies that clash with other modules'), .NET Framework's
    /// JsonReaderWriterFactory. Both back-ends are compiled for .NET 8 too, so the tests fuzz both.
    /// </summary>
    /// <remarks>
    /// A document becomes plain values: objects are <see cref="IReadOnlyDictionary{TKey, TValue}"/> of
    /// string to value, arrays <see cref="List{T}"/> of values, numbers <see cref="double"/>, and strings,
    /// booleans and null as themselves. Any input that is not such a document, is longer than
    /// <see cref="MaxLength"/>, nests deeper than <see cref="MaxDepth"/> or repeats a member name is a
    /// <see cref="FormatException"/> whose message never quotes the input (it may hold tokens); no other
    /// exception escapes, whatever the input.
    /// </remarks>
    internal static class PlatformJson
    {
        public const int MaxLength = 256 * 1024;

        public const int MaxDepth = 32;

        /// <summary>The document's top-level object.</summary>
        /// <exception cref="FormatException">Anything else.</exception>
        public static IReadOnlyDictionary<string, object?> ParseObject(string? json) =>
            Parse(json) as IReadOnlyDictionary<string, object?> ?? throw new FormatException("The JSON document is not an object.");

        /// <exception cref="FormatException">The text is not a JSON document within the limits.</exception>
        public static object? Parse(string? json) =>
#if NETSTANDARD2_0
            ParseWithDataContractJson(json);
#else
            ParseWithSystemTextJson(json);
#endif

#if !NETSTANDARD2_0
        internal static object? ParseWithSystemTextJson(string? json)
        {
            CheckLength(json);
            try
            {
                using JsonDocument document = JsonDocument.Parse(json!, new JsonDocumentOptions { MaxDepth = MaxDepth });
                return FromElement(document.RootElement);
            }
            catch (Exception problem) when (!(problem is FormatException) && !(problem is OutOfMemoryException))
            {
                // JsonException, and InvalidOperationException/ArgumentException for text or a string value that
                // is not valid UTF-16 (a lone surrogate).
                throw Unreadable(problem);
            }
        }

        private static object? FromElement(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var members = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (JsonProperty property in element.EnumerateObject())
                    {
                        Add(members, property.Name, FromElement(property.Value));
                    }

                    return members;
                case JsonValueKind.Array:
                    var items = new List<object?>();
                    foreach (JsonElement item in element.EnumerateArray()) items.Add(FromElement(item));
                    return items;
                case JsonValueKind.String:
                    return element.GetString();
                case JsonValueKind.Number:
                    return Finite(element.GetDouble());
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }
#endif

        internal static object? ParseWithDataContractJson(string? json)
        {
            CheckLength(json);
            try
            {
                var quotas = new XmlDictionaryReaderQuotas { MaxDepth = MaxDepth + 1, MaxStringContentLength = json!.Length + 1 };
                using XmlDictionaryReader reader = JsonReaderWriterFactory.CreateJsonReader(Encoding.UTF8.GetBytes(json), quotas);
                XElement root = XElement.Load(reader);
                RequireNothingAfterFirstValue(json);
                return FromXml(root, 0);
            }
            catch (Exception problem) when (!(problem is FormatException) && !(problem is OutOfMemoryException))
            {
                // Not only XmlException: fuzzing found this reader throwing IndexOutOfRangeException for an
                // object followed by stray ']' ({"a":"b" , ]]]). No input may escape as anything but "unreadable".
                throw Unreadable(problem);
            }
        }

        /// <summary>JsonReaderWriterFactory's XML: each value an element whose 'type' attribute says its kind.</summary>
        private static object? FromXml(XElement element, int depth)
        {
            if (depth > MaxDepth) throw new FormatException("The JSON document nests too deeply.");
            switch ((string?)element.Attribute("type") ?? "string")
            {
                case "object":
                    var members = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (XElement member in element.Elements())
                    {
                        // A name that is not a valid XML name arrives as <item item="name">.
                        Add(members, (string?)member.Attribute("item") ?? member.Name.LocalName, FromXml(member, depth + 1));
                    }

                    return members;
                case "array":
                    var items = new List<object?>();
                    foreach (XElement item in element.Elements()) items.Add(FromXml(item, depth + 1));
                    return items;
                case "number":
                    if (!double.TryParse(element.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number)) throw new FormatException("The JSON document holds a malformed number.");
                    return Finite(number);
                case "boolean":
                    return element.Value == "true";
                case "null":
                    return null;
                default:
                    return element.Value;
            }
        }

        /// <summary>
        /// JsonReaderWriterFactory stops after the first value and ignores what follows ({"a":1}{"b":2}); System.Text.Json
        /// refuses it. Called once the reader accepted the value, so its brackets and strings are well formed.
        /// </summary>
        private static void RequireNothingAfterFirstValue(string json)
        {
            int i = SkipSpace(json, 0);
            int depth = 0;
            bool inString = false;
            for (; i < json.Length; i++)
            {
                char c = json[i];
                if (inString)
                {
                    if (c == '\\')
                    {
                        i++;
                    }
                    else if (c == '"')
                    {
                        inString = false;
                        if (depth == 0) { i++; break; }
                    }

                    continue;
                }

                if (c == '"') inString = true;
                else if (c == '{' || c == '[') depth++;
                else if ((c == '}' || c == ']') && --depth == 0) { i++; break; }
                else if (depth == 0 && char.IsWhiteSpace(c)) break; // the end of a top-level number or literal
            }

            if (SkipSpace(json, i) < json.Length) throw new FormatException("The JSON document has text after its end.");
        }

        private static int SkipSpace(string json, int i)
        {
            while (i < json.Length && char.IsWhiteSpace(json[i])) i++;
            return i;
        }

        private static void Add(Dictionary<string, object?> members, string name, object? value)
        {
            if (members.ContainsKey(name))
            {
                // Two readers may each take a different one of two equal names: such a document is refused.
                throw new FormatException("The JSON document names the same member twice.");
            }

            members.Add(name, value);
        }

        private static double Finite(double number) =>
            double.IsInfinity(number) || double.IsNaN(number) ? throw new FormatException("The JSON document holds a number out of range.") : number;

        private static void CheckLength(string? json)
        {
            if (string.IsNullOrEmpty(json) || json!.Length > MaxLength) throw new FormatException("The JSON document is empty or too long.");
        }

        /// <summary>The reader's own exception is not kept: its message may quote the input, which may hold a token.</summary>
        private static FormatException Unreadable(Exception problem) =>
            new FormatException("The text is not a well-formed JSON document (" + problem.GetType().Name + ").");
    }
}
