using System.Text.RegularExpressions;

namespace CasAws.Connections
{
    /// <summary>
    /// An account alias entry: a 12-digit AWS account id and an alias shaped as IAM allows one (3 to 63
    /// lower-case letters, digits and single hyphens, starting and ending with a letter or digit).
    /// </summary>
    internal static class AccountAliasShape
    {
        private static readonly Regex AccountId = new Regex("^[0-9]{12}\\z", RegexOptions.CultureInvariant);
        private static readonly Regex Alias = new Regex("^(?=.{3,63}\\z)[a-z0-9](?:[a-z0-9]|-(?!-))*[a-z0-9]\\z", RegexOptions.CultureInvariant);

        /// <summary>Why the entry cannot be kept, or null.</summary>
        public static string? Problem(string accountId, string alias)
        {
            if (!AccountId.IsMatch(accountId))
            {
                return "'" + Validation.TerminalText.Visible(accountId) + "' is not an AWS account id (12 digits)";
            }

            return Alias.IsMatch(alias)
                ? null
                : "the alias '" + Validation.TerminalText.Visible(alias) + "' of account " + accountId + " is not an IAM account alias (3 to 63 lower-case letters, digits and single hyphens)";
        }
    }
}
