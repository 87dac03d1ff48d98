using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using CasAws.Aws;
using CasAws.Cas;
using CasAws.Json;
using CasAws.Net;

namespace CasAws.Connections
{
    /// <summary>
    /// The saved-connections file: {"version":1,"default":NAME,"connections":[{field:string,...}]}. Written
    /// here (every value a JSON string); read with <see cref="PlatformJson"/>, the platform's own JSON reader.
    /// Unknown fields are ignored, so a newer file still loads. The one object field is accountAliases
    /// (account id -> alias); an alias out of shape is dropped alone.
    /// </summary>
    internal static class ConnectionsFile
    {
        public const int Version = 1;

        /// <summary>The one field that is an object: account id -> alias.</summary>
        private const string AccountAliasesField = "accountAliases";

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

                if (connection.AccountAliases.Count > 0)
                {
                    text.Append(",\n      ").Append(JsonText.Quote(AccountAliasesField)).Append(": {");
                    string aliasSeparator = "\n";
                    foreach (KeyValuePair<string, string> alias in connection.AccountAliases)
                    {
                        text.Append(aliasSeparator).Append("        ").Append(JsonText.Quote(alias.Key)).Append(": ").Append(JsonText.Quote(alias.Value));
                        aliasSeparator = ",\n";
                    }

                    text.Append("\n      }");
                }

                text.Append("\n    }");
                separator = ",\n";
            }

            return text.Append("\n  ]\n}\n").ToString();
        }

        /// <summary>The connections and the default's name; FormatException when the text is not such a file.</summary>
        public static ParsedConnections Parse(string json)
        {
            RawDocument raw = ToRaw(PlatformJson.Parse(json));
            var result = new ParsedConnections(raw.Default);
            for (int i = 0; i < raw.Connections.Count; i++)
            {
                SavedConnection? connection = FromFields(raw.Connections[i]);
                if (connection == null)
                {
                    result.Skipped++;
                    continue;
                }

                // An alias out of shape is dropped alone; the connection it sits on still works.
                foreach (KeyValuePair<string, string> alias in raw.AccountAliases[i])
                {
                    if (AccountAliasRules.IsAccountId(alias.Key) && AccountAliasRules.IsAlias(alias.Value)) connection.AccountAliases[alias.Key] = alias.Value;
                }

                result.Connections.Add(connection);
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
                || !UrlPolicy.IsAccepted(UrlPolicy.Check(server, out _)))
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

            if (connection.Issuer != null && !UrlPolicy.IsAccepted(UrlPolicy.Check(connection.Issuer, out _))) return null;
            if (connection.EndpointPath != null && !UrlPolicy.TryResolveEndpoint(new Uri(server), connection.EndpointPath, out _, out _)) return null;
            foreach (KeyValuePair<string, string> field in fields)
            {
                if (ConnectionSettingRules.TextProblem(field.Key, field.Value) != null) return null;
            }

            if (!CasMfaOptions.TryParseProvider(Get("mfaProvider"), out CasMfaProvider? provider)) return null;
            if (provider is CasMfaProvider known) connection.MfaProvider = known;

            string? seconds = Get("durationSeconds");
            if (seconds != null)
            {
                if (!long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value <= 0 || value > 1_000_000) return null;
                connection.Duration = TimeSpan.FromSeconds(value);
            }

            if (connection.Proxy != null && ConnectionSettingRules.ProxyProblem(connection.Proxy, out _) != null) return null;
            return connection;
        }

        internal sealed class RawDocument
        {
            public string? Default { get; set; }

            public List<Dictionary<string, string>> Connections { get; } = new List<Dictionary<string, string>>();

            /// <summary>Each connection's accountAliases object (empty when it has none), in the same order.</summary>
            public List<Dictionary<string, string>> AccountAliases { get; } = new List<Dictionary<string, string>>();
        }

        /// <summary>The file's shape out of a parsed document; FormatException when it is not a saved-connections file.</summary>
        internal static RawDocument ToRaw(object? document)
        {
            if (!(document is IReadOnlyDictionary<string, object?> root) || !root.TryGetValue("connections", out object? value) || !(value is List<object?> list))
            {
                throw new FormatException("it is not a JSON object with a 'connections' list");
            }

            var raw = new RawDocument { Default = JsonText.Text(root, "default") };
            foreach (object? entry in list)
            {
                var members = entry as IReadOnlyDictionary<string, object?>;
                raw.Connections.Add(StringMembers(members));
                raw.AccountAliases.Add(StringMembers(members != null && members.TryGetValue(AccountAliasesField, out object? aliases) ? aliases as IReadOnlyDictionary<string, object?> : null));
            }

            return raw;
        }

        private static Dictionary<string, string> StringMembers(IReadOnlyDictionary<string, object?>? members)
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            if (members == null) return fields;
            foreach (KeyValuePair<string, object?> member in members)
            {
                if (member.Value is string text) fields[member.Key] = text;
            }

            return fields;
        }
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
