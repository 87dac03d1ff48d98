using System.Text.RegularExpressions;

namespace CasAws.Connections
{
    /// <summary>
    /// What an AWS account id and an account alias look like, for an alias a person sets and one IAM's
    /// ListAccountAliases answers alike: 12 digits; IAM's own alias pattern (3 to 63 lower-case letters,
    /// digits and single hyphens, a letter or digit at each end).
    /// </summary>
    /// <remarks>\z, not $: a value read from a file must not end in a line break.</remarks>
    internal static class AccountAliasRules
    {
        private static readonly Regex AccountId = new Regex("^[0-9]{12}\\z", RegexOptions.CultureInvariant);
        private static readonly Regex Alias = new Regex("^[a-z0-9](?:[a-z0-9]|-(?!-)){1,61}[a-z0-9]\\z", RegexOptions.CultureInvariant);

        public static bool IsAccountId(string? value) => value is not null && AccountId.IsMatch(value);

        public static bool IsAlias(string? value) => value is not null && Alias.IsMatch(value);

        /// <summary>Why an entry of a file cannot be kept, or null.</summary>
        public static string? Problem(string accountId, string alias) =>
            !IsAccountId(accountId) ? "'" + Validation.TerminalText.Visible(accountId) + "' is not an AWS account id (12 digits)"
            : !IsAlias(alias) ? "the alias '" + Validation.TerminalText.Visible(alias) + "' of account " + accountId + " is not an IAM account alias (3 to 63 lower-case letters, digits and single hyphens)"
            : null;
    }
}
