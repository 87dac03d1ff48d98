using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using CasAws.Validation;

namespace CasAws.Cache
{
    /// <summary>
    /// What the private cache holds for one credential_process profile: how to log in again (server
    /// and role: never a password) and, once a cmdlet obtained them, the temporary keys.
    /// </summary>
    /// <remarks>
    /// Stored as 'name=value' lines after a fixed first line, so the helper executable reads it
    /// without a JSON library. Used by the module and the helper alike.
    /// </remarks>
    internal sealed class CredentialCacheEntry
    {
        public const string FormatLine = "CasAws credential cache 1";

        /// <summary>The 'login' value of a profile registered from a browser (OpenID Connect) login; older helpers ignore the line.</summary>
        private const string BrowserLoginValue = "openid-connect";
        private const string ExpirationFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

        /// <param name="browserLogin">The profile comes from a browser (OpenID Connect) login: no password can renew it.</param>
        public CredentialCacheEntry(string profileName, string server, string? roleArn, string? userName = null, bool browserLogin = false)
        {
            ProfileName = profileName;
            Server = server;
            RoleArn = roleArn;
            UserName = userName;
            BrowserLogin = browserLogin;
        }

        public string ProfileName { get; }

        public string Server { get; }

        /// <summary>The exact role ARN; null for a server in session-token mode.</summary>
        public string? RoleArn { get; }

        /// <summary>The CAS user whose logins fill this profile; null when registered without knowing one (the first login then claims it).</summary>
        public string? UserName { get; }

        /// <summary>
        /// Registered from a browser (OpenID Connect) login, typically at a CAS without awsSts: it renews from
        /// the cached id_token, and once that is gone only a new browser login helps, never a password prompt.
        /// </summary>
        public bool BrowserLogin { get; }

        public string? AccessKeyId { get; private set; }

        public string? SecretAccessKey { get; private set; }

        public string? SessionToken { get; private set; }

        /// <summary>UTC; meaningful only when <see cref="HasKeys"/>.</summary>
        public DateTime Expiration { get; private set; }

        public string? AccountId { get; private set; }

        public bool HasKeys => AccessKeyId is not null && SecretAccessKey is not null && SessionToken is not null;

        public string ExpirationText => Expiration.ToString(ExpirationFormat, CultureInfo.InvariantCulture);

        public CredentialCacheEntry WithKeys(string accessKeyId, string secretAccessKey, string sessionToken, DateTime expiration, string? accountId)
        {
            return new CredentialCacheEntry(ProfileName, Server, RoleArn, UserName, BrowserLogin)
            {
                AccessKeyId = accessKeyId,
                SecretAccessKey = secretAccessKey,
                SessionToken = sessionToken,
                // Whole seconds: the cache and the JSON carry no fractions.
                Expiration = new DateTime(expiration.ToUniversalTime().Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc),
                AccountId = accountId,
            };
        }

        /// <summary>
        /// Whether keys from a login of <paramref name="userName"/> that expire at <paramref name="expiration"/> may
        /// replace this entry's: only the CAS user the profile was registered for may fill it (anyone while none is
        /// recorded), and keys that are still valid and outlive the new ones stay.
        /// </summary>
        public bool AcceptsKeysFrom(string userName, DateTime expiration, DateTime utcNow) =>
            (UserName is null || string.Equals(UserName, userName, StringComparison.Ordinal))
            && !(HasKeys && Expiration > utcNow && Expiration > expiration.ToUniversalTime());

        /// <summary>The same entry (keys included) bound to <paramref name="userName"/>.</summary>
        public CredentialCacheEntry ForUser(string userName)
        {
            var entry = new CredentialCacheEntry(ProfileName, Server, RoleArn, userName, BrowserLogin);
            return HasKeys ? entry.WithKeys(AccessKeyId!, SecretAccessKey!, SessionToken!, Expiration, AccountId) : entry;
        }

        /// <summary>The registration without its keys (a log-out keeps the profile, not the keys).</summary>
        public CredentialCacheEntry WithoutKeys() => new CredentialCacheEntry(ProfileName, Server, RoleArn, UserName, BrowserLogin);

        /// <summary>
        /// The PowerShell command that logs in again and refills this entry, for the module's messages and the
        /// helper's hint alike: a browser login for a browser profile (no password can renew it), else
        /// Get-CasAwsCredential for the entry's server, role and user with the profile's connection options.
        /// </summary>
        /// <param name="options">The helper's arguments: the profile's connection options, and its role and user where the entry records none.</param>
        public string LoginCommand(CredentialProcessArguments? options = null) =>
            BrowserLogin ? BrowserLoginCommand(Server) : PasswordLoginCommand(Server, RoleArn ?? options?.RoleArn, options, UserName ?? options?.UserName);

        /// <summary>What the helper's arguments register when the cache holds no entry for the profile (yet): a password login.</summary>
        public static CredentialCacheEntry From(CredentialProcessArguments arguments) =>
            new CredentialCacheEntry(arguments.Profile, arguments.Server ?? string.Empty, arguments.RoleArn, arguments.UserName);

        /// <summary>A browser login again: its id_token renews every profile of the server.</summary>
        private static string BrowserLoginCommand(string server)
        {
            var command = new StringBuilder("Connect-CasAws");
            AppendParameter(command, "-Server", server);
            return command.Append(" -OpenIdConnect").ToString();
        }

        /// <param name="userName">The CAS user the profile is for, so the prompt asks only for the password.</param>
        /// <remarks>A value holding a control character is left out: no quoting makes it safe to paste.</remarks>
        private static string PasswordLoginCommand(string? server, string? roleArn, CredentialProcessArguments? options = null, string? userName = null)
        {
            var command = new StringBuilder("Get-CasAwsCredential");
            AppendParameter(command, "-Server", server);
            AppendParameter(command, "-RoleArn", roleArn);
            AppendParameter(command, "-UserName", userName);
            if (options is not null)
            {
                // The profile's connection options, so that the command works where the profile's logins do.
                AppendParameter(command, "-Duration", options.Duration?.ToString("c", CultureInfo.InvariantCulture));
                AppendParameter(command, "-EndpointPath", options.EndpointPath);
                AppendParameter(command, "-CaBundlePath", options.CaBundlePath);
                AppendParameter(command, "-Proxy", options.Proxy);
                AppendParameter(command, "-MfaProvider", options.MfaProvider);
                AppendParameter(command, "-MfaAccount", options.MfaAccount);
                AppendParameter(command, "-DuoProviderId", options.DuoProviderId);
                AppendParameter(command, "-Service", options.Service);
            }

            return command.ToString();
        }

        private static void AppendParameter(StringBuilder command, string parameter, string? value)
        {
            string? literal = string.IsNullOrEmpty(value) ? null : PowerShellQuoting.SingleQuoted(value!);
            if (literal is not null)
            {
                command.Append(' ').Append(parameter).Append(' ').Append(literal);
            }
        }

        public string Serialize()
        {
            var text = new StringBuilder(FormatLine).Append('\n');
            Append(text, "profile", ProfileName);
            Append(text, "server", Server);
            Append(text, "roleArn", RoleArn);
            Append(text, "user", UserName);
            Append(text, "login", BrowserLogin ? BrowserLoginValue : null);
            if (HasKeys)
            {
                Append(text, "accessKeyId", AccessKeyId);
                Append(text, "secretAccessKey", SecretAccessKey);
                Append(text, "sessionToken", SessionToken);
                Append(text, "expiration", ExpirationText);
                Append(text, "accountId", AccountId);
            }

            return text.ToString();
        }

        /// <summary>Reads <see cref="Serialize"/>'s text; null for anything else (corrupt, foreign, another version).</summary>
        public static CredentialCacheEntry? TryParse(string text)
        {
            string[] lines = text.Split('\n');
            if (lines.Length < 2 || lines[0] != FormatLine)
            {
                return null;
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 1; i < lines.Length; i++)
            {
                if (lines[i].Length == 0)
                {
                    continue;
                }

                int equals = lines[i].IndexOf('=');
                if (equals <= 0 || values.ContainsKey(lines[i].Substring(0, equals)))
                {
                    return null;
                }

                values[lines[i].Substring(0, equals)] = lines[i].Substring(equals + 1);
            }

            if (!values.TryGetValue("profile", out string? profile) || profile.Length == 0
                || !values.TryGetValue("server", out string? server))
            {
                return null;
            }

            values.TryGetValue("roleArn", out string? roleArn);
            values.TryGetValue("user", out string? user);
            values.TryGetValue("login", out string? login);
            var entry = new CredentialCacheEntry(profile, server, string.IsNullOrEmpty(roleArn) ? null : roleArn, string.IsNullOrEmpty(user) ? null : user,
                login == BrowserLoginValue);
            bool hasAnyKey = values.ContainsKey("accessKeyId") || values.ContainsKey("secretAccessKey") || values.ContainsKey("sessionToken");
            if (!hasAnyKey)
            {
                return entry;
            }

            if (!values.TryGetValue("accessKeyId", out string? accessKeyId) || accessKeyId.Length == 0
                || !values.TryGetValue("secretAccessKey", out string? secretAccessKey) || secretAccessKey.Length == 0
                || !values.TryGetValue("sessionToken", out string? sessionToken) || sessionToken.Length == 0
                || !values.TryGetValue("expiration", out string? expirationText)
                || !DateTime.TryParseExact(expirationText, ExpirationFormat, CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime expiration))
            {
                return null;
            }

            values.TryGetValue("accountId", out string? accountId);
            return entry.WithKeys(accessKeyId, secretAccessKey, sessionToken, expiration, string.IsNullOrEmpty(accountId) ? null : accountId);
        }

        private static void Append(StringBuilder text, string name, string? value)
        {
            if (value is null)
            {
                return;
            }

            if (value.IndexOf('\n') >= 0 || value.IndexOf('\r') >= 0)
            {
                throw new ArgumentException($"The cache value '{name}' cannot contain a line break.", nameof(value));
            }

            text.Append(name).Append('=').Append(value).Append('\n');
        }
    }
}
