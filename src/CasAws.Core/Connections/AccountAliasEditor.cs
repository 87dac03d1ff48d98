using System.Collections.Generic;
using System.Threading;
using CasAws.Errors;
using CasAws.Validation;

namespace CasAws.Connections
{
    /// <summary>Sets and removes one account's alias on a saved connection, checking both values first.</summary>
    internal static class AccountAliasEditor
    {
        /// <summary>The alias as saved; AccountAliasInvalid or ConnectionNotFound otherwise.</summary>
        public static CasAwsAccountAlias Set(ConnectionStore store, string connectionName, string accountId, string alias, CancellationToken cancellation)
        {
            CheckAccountId(accountId);
            if (!AccountAliasRules.IsAlias(alias))
            {
                throw new CasAwsException(ErrorIds.AccountAliasInvalid, CasAwsErrorKind.InvalidArgument, alias,
                    $"'{TerminalText.Visible(alias)}' is not an account alias: use 3 to 63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit (IAM's own rule), e.g. research-prod.");
            }

            SavedConnection connection = Saving(store, connectionName, () => store.SetAccountAlias(connectionName, accountId, alias, cancellation)) ?? throw NoConnection(connectionName);
            return new CasAwsAccountAlias(connection.Name, accountId, alias);
        }

        /// <summary>Removes the alias; AccountAliasNotFound when the connection has none for that account.</summary>
        public static void Remove(ConnectionStore store, string connectionName, string accountId, CancellationToken cancellation)
        {
            CheckAccountId(accountId);
            try
            {
                if (Saving(store, connectionName, () => store.SetAccountAlias(connectionName, accountId, null, cancellation)) == null) throw NoConnection(connectionName);
            }
            catch (KeyNotFoundException)
            {
                throw NoAlias(connectionName, accountId);
            }
        }

        /// <summary>Throws as <see cref="Remove"/> would when there is nothing to remove, so -WhatIf announces only a removal that would happen.</summary>
        public static void RequireAlias(ConnectionSnapshot saved, string connectionName, string accountId)
        {
            CheckAccountId(accountId);
            SavedConnection connection = saved.Find(connectionName) ?? throw NoConnection(connectionName);
            if (!connection.AccountAliases.ContainsKey(accountId)) throw NoAlias(connection.Name, accountId);
        }

        private static void CheckAccountId(string accountId)
        {
            if (!AccountAliasRules.IsAccountId(accountId))
            {
                throw new CasAwsException(ErrorIds.AccountAliasInvalid, CasAwsErrorKind.InvalidArgument, accountId,
                    $"'{TerminalText.Visible(accountId)}' is not an AWS account id: give its 12 digits, e.g. 123456789012.");
            }
        }

        /// <summary>A settings file that cannot be written (or locked in time) is ConnectionNotSaved.</summary>
        private static SavedConnection? Saving(ConnectionStore store, string connectionName, System.Func<SavedConnection?> write)
        {
            try
            {
                return write();
            }
            catch (System.Exception exception) when (exception is System.IO.IOException || exception is System.UnauthorizedAccessException || exception is System.TimeoutException)
            {
                throw new CasAwsException(ErrorIds.ConnectionNotSaved, CasAwsErrorKind.WriteError, connectionName,
                    $"The account aliases of '{connectionName}' could not be saved in '{store.FilePath}' ({exception.Message}).");
            }
        }

        private static CasAwsException NoAlias(string connectionName, string accountId) =>
            new CasAwsException(ErrorIds.AccountAliasNotFound, CasAwsErrorKind.ObjectNotFound, accountId,
                $"The saved connection '{connectionName}' has no alias for account {accountId}. Get-CasAwsAccountAlias lists them.");

        private static CasAwsException NoConnection(string name) =>
            new CasAwsException(ErrorIds.ConnectionNotFound, CasAwsErrorKind.ObjectNotFound, name,
                $"There is no saved connection '{TerminalText.Visible(name)}'. Get-CasAwsConnection lists them; Connect-CasAws saves one.");
    }
}
