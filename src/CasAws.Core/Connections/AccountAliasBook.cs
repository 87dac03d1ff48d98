using System;
using System.Collections.Generic;
using System.Linq;
using CasAws.Cache;
using CasAws.Credentials;
using CasAws.Session;

namespace CasAws.Connections
{
    /// <summary>
    /// The account names known for one CAS server: the aliases set on its saved connections (the one named first,
    /// then those of the same user, then the rest), else those IAM answered in this process (<see cref="ResolvedAccountAliases"/>).
    /// </summary>
    internal sealed class AccountAliasBook
    {
        private readonly Dictionary<string, string> _aliases;
        private readonly string _serverKey;

        private AccountAliasBook(string serverKey, Dictionary<string, string> aliases)
        {
            _serverKey = serverKey;
            _aliases = aliases;
        }

        public static AccountAliasBook Empty(string serverKey) => new AccountAliasBook(serverKey, new Dictionary<string, string>(StringComparer.Ordinal));

        /// <summary>The book for a server from the saved connections; a settings file that cannot be read gives no saved aliases.</summary>
        public static AccountAliasBook For(string serverKey, string? userName, string? connectionName = null) =>
            From(ConnectionStore.ForCurrentUser().Load().Connections, serverKey, userName, connectionName);

        /// <summary>The book for the session's server and user.</summary>
        public static AccountAliasBook For(CasAwsSession session) => For(ServerKey.Normalize(session.Settings.Server), session.UserName);

        /// <summary>Copies of the roles that carry their account's alias.</summary>
        public IReadOnlyList<CasAwsRole> Apply(IEnumerable<CasAwsRole> roles) => roles.Select(role => role.WithAccountAlias(AliasOf(role.AccountId))).ToList();

        internal static AccountAliasBook From(IEnumerable<SavedConnection> connections, string serverKey, string? userName, string? connectionName)
        {
            IEnumerable<SavedConnection> ordered = connections
                .Where(c => string.Equals(c.Name, connectionName, StringComparison.OrdinalIgnoreCase) || SameServer(c, serverKey))
                .OrderBy(c => string.Equals(c.Name, connectionName, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
                .ThenBy(c => userName is not null && string.Equals(c.UserName, userName, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
                .ThenBy(c => c.IsDefault ? 0 : 1);
            var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (SavedConnection connection in ordered)
            {
                foreach (KeyValuePair<string, string> alias in connection.AccountAliases)
                {
                    if (!aliases.ContainsKey(alias.Key)) aliases.Add(alias.Key, alias.Value);
                }
            }

            return new AccountAliasBook(serverKey, aliases);
        }

        /// <summary>The alias of an account, or null when none is known.</summary>
        public string? AliasOf(string accountId) =>
            _aliases.TryGetValue(accountId, out string? alias) ? alias : ResolvedAccountAliases.Find(_serverKey, accountId);

        private static bool SameServer(SavedConnection connection, string serverKey) =>
            Uri.TryCreate(connection.Server, UriKind.Absolute, out Uri? server) && ServerKey.Normalize(server) == serverKey;
    }
}
