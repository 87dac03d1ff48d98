using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using CasAws.Aws;
using CasAws.Cas;
#if !NETSTANDARD2_0
using System.Text.Json;
#endif

namespace CasAws.Connections
{
    /// <summary>
    /// The saved-connections file: {"version":1,"default":NAME,"connections":[{field:string,...}]}. Written
    /// here (every value a JSON string); read with the platform's JSON reader: System.Text.Json on
    /// PowerShell 7, .NET Framework's JsonReaderWriterFactory on Windows PowerShell 5.1 (which has no
    /// System.Text.Json in the box). Unknown fields are ignored, so a newer file still loads.
    /// </summary>
    internal static class ConnectionsFile
    {
        public const int Version = 1;
        private const int MaxDepth = 8;

        public static string Serialize(IEnumerable<SavedConnection> connections, string? defaultName)
        {
            var text = new StringBuilder("{\n  \"version\": ").Append(Version.ToString(CultureInfo.InvariantCulture)).Append(",\n");
            if (defaultName != null) text.Append("  \"default\": ").Append(JsonText.Quote(defaultName)).Append(",\n");
            text.Append("  \"connections\": [");
            string separator = "\n";
            foreach (SavedConnection connection in connections)
            {
                text.Append(separator).Append("    {");
                string fieldSeparator = "\n";
                foreach (KeyValuePair<string, string> field in Fields(connection))
                {
                    text.Append(fieldSeparator).Append("      ").Append(JsonText.Quote(field.Key)).Append(": ").Append(JsonText.Quote(field.Value));
                    fieldSeparator = ",\n";
                }

                text.Append("\n    }");
                separator = ",\n";
            }

            return text.Append("\n  ]\n}\n").ToString();
        }

        /// <summary>The connections and the default's name; FormatException when the text is not such a file.</summary>
        public static ParsedConnections Parse(string json)
        {
#if NETSTANDARD2_0
            RawDocument raw = ReadWithDataContractJson(json);
#else
            RawDocument raw = ReadWithSystemTextJson(json);
#endif
            var result = new ParsedConnections(raw.Default);
            foreach (Dictionary<string, string> fields in raw.Connections)
            {
                SavedConnection? connection = FromFields(fields);
                if (connection == null) result.Skipped++;
                else result.Connections.Add(connection);
            }

            return result;
        }

        private static IEnumerable<KeyValuePair<string, string>> Fields(SavedConnection c)
        {
            yield return Field("name", c.Name);
            yield return Field("server", c.Server);
            if (c.EndpointPath != null) yield return Field("endpointPath", c.EndpointPath);
            if (c.UserName != null) yield return Field("userName", c.UserName);
            yield return Field("mfaProvider", c.MfaProvider.ToString());
            if (c.MfaAccount != null) yield return Field("mfaAccount", c.MfaAccount);
            if (c.DuoProviderId != null) yield return Field("duoProviderId", c.DuoProviderId);
            if (c.Service != null) yield return Field("service", c.Service);
            if (c.CaBundlePath != null) yield return Field("caBundlePath", c.CaBundlePath);
            if (c.Proxy != null) yield return Field("proxy", c.Proxy);
            if (c.RoleArn != null) yield return Field("roleArn", c.RoleArn);
            if (c.Duration.HasValue) yield return Field("durationSeconds", ((long)c.Duration.Value.TotalSeconds).ToString(CultureInfo.InvariantCulture));
            if (c.OpenIdConnect) yield return Field("openIdConnect", "true");
            if (c.ClientId != null) yield return Field("clientId", c.ClientId);
            if (c.Issuer != null) yield return Field("issuer", c.Issuer);
            if (c.RoleClaim != null) yield return Field("roleClaim", c.RoleClaim);
        }

        private static KeyValuePair<string, string> Field(string name, string value) => new KeyValuePair<string, string>(name, value);

        /// <summary>One entry, or null when it lacks a name or an absolute http(s) server, or a value is out of shape.</summary>
        private static SavedConnection? FromFields(Dictionary<string, string> fields)
        {
            string? Get(string name) => fields.TryGetValue(name, out string? value) && value.Length > 0 ? value : null;
            string? name = Get("name"), server = Get("server");
            if (name == null || !SavedConnectionNames.IsValid(name) || server == null
                || !Uri.TryCreate(server, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                return null;
            }

            var connection = new SavedConnection
            {
                Name = name,
                Server = server,
                EndpointPath = Get("endpointPath"),
                UserName = Get("userName"),
                MfaAccount = Get("mfaAccount"),
                DuoProviderId = Get("duoProviderId"),
                Service = Get("service"),
                CaBundlePath = Get("caBundlePath"),
                Proxy = Get("proxy"),
                RoleArn = Get("roleArn"),
                ClientId = Get("clientId"),
                Issuer = Get("issuer"),
                RoleClaim = Get("roleClaim"),
            };
            string? openIdConnect = Get("openIdConnect");
            if (openIdConnect != null)
            {
                if (!bool.TryParse(openIdConnect, out bool oidc)) return null;
                connection.OpenIdConnect = oidc;
            }

            if (connection.Issuer != null && !Uri.TryCreate(connection.Issuer, UriKind.Absolute, out _)) return null;
            string? provider = Get("mfaProvider");
            if (provider != null)
            {
                if (!Enum.TryParse(provider, ignoreCase: true, out CasMfaProvider parsed) || !Enum.IsDefined(typeof(CasMfaProvider), parsed)) return null;
                connection.MfaProvider = parsed;
            }

            string? seconds = Get("durationSeconds");
            if (seconds != null)
            {
                if (!long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value <= 0 || value > 1_000_000) return null;
                connection.Duration = TimeSpan.FromSeconds(value);
            }

            if (connection.Proxy != null && !Uri.TryCreate(connection.Proxy, UriKind.Absolute, out _)) return null;
            return connection;
        }

        internal sealed class RawDocument
        {
            public string? Default { get; set; }

            public List<Dictionary<string, string>> Connections { get; } = new List<Dictionary<string, string>>();
        }

#if !NETSTANDARD2_0
        internal static RawDocument ReadWithSystemTextJson(string json)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
                JsonElement root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("connections", out JsonElement list) || list.ValueKind != JsonValueKind.Array)
                    throw new FormatException("it is not a JSON object with a 'connections' list");
                var raw = new RawDocument();
                if (root.TryGetProperty("default", out JsonElement name) && name.ValueKind == JsonValueKind.String) raw.Default = name.GetString();
                foreach (JsonElement entry in list.EnumerateArray())
                {
                    var fields = new Dictionary<string, string>(StringComparer.Ordinal);
                    if (entry.ValueKind == JsonValueKind.Object)
                    {
                        foreach (JsonProperty property in entry.EnumerateObject())
                        {
                            if (property.Value.ValueKind == JsonValueKind.String) fields[property.Name] = property.Value.GetString()!;
                        }
                    }

                    raw.Connections.Add(fields);
                }

                return raw;
            }
            catch (Exception problem) when (problem is JsonException || problem is InvalidOperationException || problem is ArgumentException)
            {
                throw new FormatException(problem.Message, problem);
            }
        }
#endif

        internal static RawDocument ReadWithDataContractJson(string json)
        {
            try
            {
                var quotas = new XmlDictionaryReaderQuotas { MaxDepth = MaxDepth, MaxStringContentLength = json.Length + 1 };
                using XmlDictionaryReader reader = JsonReaderWriterFactory.CreateJsonReader(Encoding.UTF8.GetBytes(json), quotas);
                XElement root = XElement.Load(reader);
                XElement? list = Member(root, "connections");
                if ((string?)root.Attribute("type") != "object" || list == null || (string?)list.Attribute("type") != "array")
                    throw new FormatException("it is not a JSON object with a 'connections' list");
                var raw = new RawDocument();
                XElement? name = Member(root, "default");
                if (name != null && IsString(name)) raw.Default = name.Value;
                foreach (XElement entry in list.Elements())
                {
                    var fields = new Dictionary<string, string>(StringComparer.Ordinal);
                    if ((string?)entry.Attribute("type") == "object")
                    {
                        foreach (XElement property in entry.Elements())
                        {
                            if (IsString(property)) fields[NameOf(property)] = property.Value;
                        }
                    }

                    raw.Connections.Add(fields);
                }

                return raw;
            }
            catch (Exception problem) when (problem is XmlException || problem is SerializationException || problem is ArgumentException || problem is InvalidOperationException)
            {
                throw new FormatException(problem.Message, problem);
            }
        }

        /// <summary>A member name that is not a valid XML name arrives as &lt;item item="name"&gt;.</summary>
        private static string NameOf(XElement element) => (string?)element.Attribute("item") ?? element.Name.LocalName;

        private static XElement? Member(XElement parent, string name)
        {
            foreach (XElement element in parent.Elements())
            {
                if (NameOf(element) == name) return element;
            }

            return null;
        }

        private static bool IsString(XElement element) => ((string?)element.Attribute("type") ?? "string") == "string";
    }

    /// <summary>What a settings file held: the readable connections, the default's name, and how many entries were unusable.</summary>
    internal sealed class ParsedConnections
    {
        public ParsedConnections(string? defaultName)
        {
            DefaultName = defaultName;
        }

        public string? DefaultName { get; }

        public List<SavedConnection> Connections { get; } = new List<SavedConnection>();

        public int Skipped { get; set; }
    }
}
