using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using CasAws.Cas;
using CasAws.Errors;
using CasAws.Json;
using CasAws.Net;
using CasAws.Validation;

namespace CasAws.Connections
{
    /// <summary>
    /// A connection file an administrator publishes for Import-CasAwsConnection: one JSON object with the
    /// server and its settings (format in the cmdlet's help). Every value passes the rule a parameter passes
    /// (<see cref="UrlPolicy"/>, <see cref="ConnectionSettingRules"/>, <see cref="CasMfaOptions"/>,
    /// <see cref="StsDurationRules"/>, <see cref="CertificateBundle.Checked"/>); a field whose name says it holds
    /// a secret refuses the whole file, and its value is never repeated; an unknown field is refused too, so
    /// a misspelt setting is not silently dropped.
    /// </summary>
    internal sealed class PublishedConnection
    {
        /// <summary>The format's version; a file without "version" is read as this one.</summary>
        public const int FormatVersion = 1;

        /// <summary>A published file is a few kilobytes, a CA bundle inline included.</summary>
        public const int MaxBytes = 256 * 1024;

        private static readonly string[] TextFields = { "name", "server", "endpointPath", "mfaProvider", "duoProviderId", "service", "caBundle", "caBundlePath", "proxy", "roleArn", "clientId", "issuer", "roleClaim" };
        private static readonly string[] OtherFields = { "version", "durationSeconds", "openIdConnect", "accountAliases" };

        /// <summary>Words in a field name that mean a secret, compared without case, '-' or '_'.</summary>
        private static readonly string[] SecretWords = { "password", "passwd", "secret", "token", "passcode", "privatekey", "accesskey", "sessionkey", "credential", "apikey" };

        private PublishedConnection(SavedConnection connection, string? caBundlePem)
        {
            Connection = connection;
            CaBundlePem = caBundlePem;
        }

        /// <summary>The settings to save; its CaBundlePath is set by <see cref="PublishedConnectionImport"/> when the file holds the bundle inline.</summary>
        public SavedConnection Connection { get; }

        /// <summary>The CA bundle given inline as PEM text ("caBundle"), already checked; null when none.</summary>
        public string? CaBundlePem { get; }

        /// <param name="source">The file or URL, as shown in errors.</param>
        /// <param name="baseDirectory">The folder a relative caBundlePath is under (the file's own); null for a file from a URL, which must give an absolute path.</param>
        /// <param name="name">-Name, over the file's "name"; else the server's host.</param>
        /// <exception cref="CasAwsException">ConnectionFileHoldsSecret, ConnectionFileInvalid, CaBundleUnreadable.</exception>
        public static PublishedConnection Parse(string json, string source, string? baseDirectory, string? name)
        {
            IReadOnlyDictionary<string, object?> root;
            try
            {
                root = PlatformJson.ParseObject(json);
            }
            catch (FormatException problem)
            {
                throw Invalid(source, "it is not a JSON object (" + problem.Message + ")");
            }

            RefuseSecrets(root, source, string.Empty);
            foreach (string field in root.Keys)
            {
                if (!TextFields.Contains(field, StringComparer.Ordinal) && !OtherFields.Contains(field, StringComparer.Ordinal))
                {
                    throw Invalid(source, "it has the field '" + TerminalText.Visible(field) + "', which is not a connection setting; known: " + string.Join(", ", TextFields.Concat(OtherFields)));
                }
            }

            var text = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string field in TextFields)
            {
                if (!root.TryGetValue(field, out object? value) || value == null) continue;
                if (!(value is string s) || s.Length == 0) throw Invalid(source, "'" + field + "' must be a non-empty string");
                string? problem = ConnectionSettingRules.TextProblem(field, field == "caBundle" ? s.Replace("\r", string.Empty).Replace("\n", string.Empty) : s);
                if (problem != null) throw Invalid(source, problem);
                text[field] = s;
            }

            if (root.TryGetValue("version", out object? version) && !(version is double v && v == FormatVersion))
            {
                throw Invalid(source, "its version is not " + FormatVersion.ToString(CultureInfo.InvariantCulture) + ", the one this CasAws reads; update CasAws");
            }

            if (!text.TryGetValue("server", out string? server)) throw Invalid(source, "it names no 'server'");
            string? urlProblem = UrlPolicy.Problem(UrlPolicy.Check(server, out Uri? serverUrl), "The server", UrlPolicy.Display(server), "https://sso.example.edu/cas");
            if (urlProblem != null || serverUrl == null) throw Invalid(source, urlProblem ?? "'server' is not a URL");

            var connection = new SavedConnection
            {
                Server = serverUrl.AbsoluteUri.TrimEnd('/'),
                EndpointPath = Get(text, "endpointPath"),
                DuoProviderId = Get(text, "duoProviderId"),
                Service = Get(text, "service"),
                RoleArn = Get(text, "roleArn"),
                ClientId = Get(text, "clientId"),
                Issuer = Get(text, "issuer"),
                RoleClaim = Get(text, "roleClaim"),
            };
            connection.Name = name ?? Get(text, "name") ?? SavedConnectionNames.FromServer(serverUrl);
            if (!SavedConnectionNames.IsValid(connection.Name)) throw Invalid(source, "the name '" + TerminalText.Visible(connection.Name) + "' is not a usable connection name (letters, digits, '.', '_' and '-')");

            if (connection.EndpointPath != null && !UrlPolicy.TryResolveEndpoint(serverUrl, connection.EndpointPath, out _, out string? endpointProblem))
            {
                throw Invalid(source, endpointProblem ?? "'endpointPath' does not stay under the server");
            }

            if (connection.Issuer != null)
            {
                string? issuerProblem = UrlPolicy.Problem(UrlPolicy.Check(connection.Issuer, out _), "The issuer", UrlPolicy.Display(connection.Issuer), "https://sso.example.edu/cas/oidc");
                if (issuerProblem != null) throw Invalid(source, issuerProblem);
            }

            if (Get(text, "proxy") is string proxy)
            {
                string? proxyProblem = ConnectionSettingRules.ProxyProblem(proxy, out Uri? proxyUrl);
                if (proxyProblem != null) throw Invalid(source, proxyProblem);
                connection.Proxy = proxyUrl!.AbsoluteUri;
            }

            if (connection.RoleArn != null && !Aws.AwsArn.IsRoleArn(connection.RoleArn)) throw Invalid(source, "'roleArn' is not an IAM role ARN");

            if (Get(text, "mfaProvider") is string provider)
            {
                if (!CasMfaOptions.TryParseProvider(provider, out CasMfaProvider? known) || known == null) throw Invalid(source, "'mfaProvider' must be Duo, GoogleAuthenticator, YubiKey or Simple");
                connection.MfaProvider = known.Value;
            }

            if (root.TryGetValue("openIdConnect", out object? oidc) && oidc != null)
            {
                if (!(oidc is bool flag)) throw Invalid(source, "'openIdConnect' must be true or false");
                connection.OpenIdConnect = flag;
            }

            if (root.TryGetValue("durationSeconds", out object? seconds) && seconds != null)
            {
                if (!(seconds is double number) || number != Math.Floor(number) || number <= 0 || number > 1_000_000) throw Invalid(source, "'durationSeconds' must be a whole number of seconds");
                TimeSpan duration = TimeSpan.FromSeconds(number);
                string? durationProblem = StsDurationRules.Check(duration, roleMode: false);
                if (durationProblem != null) throw Invalid(source, durationProblem);
                connection.Duration = duration;
            }

            ReadAliases(root, source, connection);
            string? pem = Get(text, "caBundle");
            if (pem != null && Get(text, "caBundlePath") != null) throw Invalid(source, "it gives both 'caBundle' and 'caBundlePath'; give one");
            if (pem != null) CheckPem(pem, source);
            if (Get(text, "caBundlePath") is string bundlePath)
            {
                if (!Path.IsPathRooted(bundlePath) && baseDirectory == null) throw Invalid(source, "'caBundlePath' must be an absolute path in a file from a URL (or give the bundle inline as 'caBundle')");
                string full = Path.GetFullPath(Path.IsPathRooted(bundlePath) ? bundlePath : Path.Combine(baseDirectory!, bundlePath));
                connection.CaBundlePath = CertificateBundle.Checked(full, bundlePath, "The connection file's caBundlePath");
            }

            return new PublishedConnection(connection, pem);
        }

        private static string? Get(Dictionary<string, string> text, string field) => text.TryGetValue(field, out string? value) ? value : null;

        private static void ReadAliases(IReadOnlyDictionary<string, object?> root, string source, SavedConnection connection)
        {
            if (!root.TryGetValue("accountAliases", out object? value) || value == null) return;
            if (!(value is IReadOnlyDictionary<string, object?> aliases)) throw Invalid(source, "'accountAliases' must be an object of account id -> alias");
            foreach (KeyValuePair<string, object?> alias in aliases)
            {
                string? problem = alias.Value is string name ? AccountAliasRules.Problem(alias.Key, name) : "the alias of '" + TerminalText.Visible(alias.Key) + "' is not a string";
                if (problem != null) throw Invalid(source, "in 'accountAliases', " + problem);
                connection.AccountAliases[alias.Key] = (string)alias.Value!;
            }
        }

        /// <summary>A field named for a secret, at any depth, refuses the file; a private key anywhere in the CA bundle too.</summary>
        private static void RefuseSecrets(IReadOnlyDictionary<string, object?> members, string source, string prefix)
        {
            foreach (KeyValuePair<string, object?> member in members)
            {
                string squeezed = new string(member.Key.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
                if (SecretWords.Any(word => squeezed.Contains(word)))
                {
                    throw new CasAwsException(ErrorIds.ConnectionFileHoldsSecret, CasAwsErrorKind.SecurityError, source,
                        $"The connection file '{TerminalText.Visible(source)}' has the field '{TerminalText.Visible(prefix + member.Key)}', which holds a secret: a published connection file never does (each user logs in themselves). Nothing was imported; ask its publisher to remove the field.");
                }

                if (member.Value is string text && text.IndexOf("PRIVATE KEY", StringComparison.Ordinal) >= 0)
                {
                    throw new CasAwsException(ErrorIds.ConnectionFileHoldsSecret, CasAwsErrorKind.SecurityError, source,
                        $"The connection file '{TerminalText.Visible(source)}' holds a private key in '{TerminalText.Visible(prefix + member.Key)}': a CA bundle needs only certificates. Nothing was imported; ask its publisher to remove the key (and to replace it, as it was published).");
                }

                if (member.Value is IReadOnlyDictionary<string, object?> inner) RefuseSecrets(inner, source, prefix + member.Key + ".");
            }
        }

        /// <summary>The inline bundle passes the one CA bundle check, through a temporary file (certificates are public).</summary>
        private static void CheckPem(string pem, string source)
        {
            string temporary = Path.Combine(Path.GetTempPath(), "casaws-import-" + Guid.NewGuid().ToString("N") + ".pem");
            try
            {
                File.WriteAllText(temporary, pem);
                CertificateBundle.Checked(temporary, source + " caBundle", "The connection file's caBundle");
            }
            finally
            {
                File.Delete(temporary);
            }
        }

        private static CasAwsException Invalid(string source, string why) =>
            new CasAwsException(ErrorIds.ConnectionFileInvalid, CasAwsErrorKind.InvalidData, source,
                $"The connection file '{TerminalText.Visible(source)}' cannot be imported: {why}. Nothing was imported.");
    }
}
