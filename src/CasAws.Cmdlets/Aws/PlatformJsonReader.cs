using System;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Xml;
using System.Xml.Linq;
#if !NETSTANDARD2_0
using System.Text.Json;
#endif

namespace CasAws.Aws
{
    /// <summary>
    /// Reads one string field of a JSON object with the JSON reader each platform ships: System.Text.Json
    /// on PowerShell 7 (.NET 8+), and on Windows PowerShell 5.1, where System.Text.Json is not in the box
    /// (and as a package would bring assemblies that clash with other modules'), .NET Framework's
    /// JsonReaderWriterFactory. Both are compiled for .NET 8 too, so the tests fuzz both.
    /// </summary>
    internal static class PlatformJsonReader
    {
        /// <summary>Deeper nesting is refused: a sign-in answer is one flat object.</summary>
        private const int MaxDepth = 32;

#if !NETSTANDARD2_0
        public static string? WithSystemTextJson(string json, string name)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
                JsonElement root = document.RootElement;
                return root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out JsonElement field) && field.ValueKind == JsonValueKind.String
                    ? field.GetString()
                    : null;
            }
            catch (JsonException)
            {
                return null;
            }
            catch (Exception problem) when (problem is InvalidOperationException || problem is ArgumentException)
            {
                return null; // text or a string value that is not valid UTF-16 (a lone surrogate)
            }
        }
#endif

        public static string? WithDataContractJson(string json, string name)
        {
            try
            {
                var quotas = new XmlDictionaryReaderQuotas { MaxDepth = MaxDepth, MaxStringContentLength = json.Length + 1 };
                using XmlDictionaryReader reader = JsonReaderWriterFactory.CreateJsonReader(Encoding.UTF8.GetBytes(json), quotas);
                XElement root = XElement.Load(reader);
                if ((string?)root.Attribute("type") != "object")
                {
                    return null;
                }

                foreach (XElement field in root.Elements())
                {
                    // A name that is not a valid XML name arrives as <item item="name">.
                    string fieldName = (string?)field.Attribute("item") ?? field.Name.LocalName;
                    if (string.Equals(fieldName, name, StringComparison.Ordinal))
                    {
                        string type = (string?)field.Attribute("type") ?? "string";
                        return type == "string" ? field.Value : null;
                    }
                }

                return null;
            }
            catch (Exception problem) when (!(problem is OutOfMemoryException))
            {
                // Not only XmlException: the fuzz tests found this reader throwing IndexOutOfRangeException
                // for an object followed by stray ']' ({"a":"b" , ]]]). No input may escape as anything but "unreadable".
                return null;
            }
        }
    }
}
