using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CasAws.Connections;
using CasAws.Credentials;
using CasAws.Session;
using CasAws.Validation;

namespace CasAws.Commands
{
    /// <summary>
    /// Completes -RoleArn from the roles the current session knows (matching name, ARN or account alias), quoted by
    /// PowerShell's own rules (all four single-quote characters), with control characters made visible in the list.
    /// </summary>
    public sealed class RoleArnCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            CasAwsSession? session = CasSessionStore.Current;
            IReadOnlyList<CasAwsRole>? roles = session?.KnownRoles;
            return roles == null ? Enumerable.Empty<CompletionResult>() : Complete(AccountAliasBook.For(session!).Apply(roles), wordToComplete);
        }

        internal static IEnumerable<CompletionResult> Complete(IReadOnlyList<CasAwsRole> roles, string? wordToComplete)
        {
            string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            string pattern = WildcardPattern.ContainsWildcardCharacters(word) ? word : "*" + word + "*";
            // A role that holds a control character is never offered: no quoting makes a line break safe to paste.
            var byAlias = new WildcardPattern(pattern, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            return RoleArnResolver.Match(pattern, roles)
                .Union(roles.Where(role => role.AccountAlias != null && byAlias.IsMatch(role.AccountAlias)))
                .Where(role => ControlCharacters.IndexOf(role.RoleArn) < 0)
                .Select(role => new CompletionResult(
                    "'" + CodeGeneration.EscapeSingleQuotedStringContent(role.RoleArn) + "'",
                    TerminalText.Visible(role.RoleArn),
                    CompletionResultType.ParameterValue,
                    TerminalText.Visible(role.AccountLabel + " " + role.RoleName)));
        }
    }
}
