using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CasAws.Credentials;
using CasAws.Session;

namespace CasAws.Commands
{
    /// <summary>Completes -RoleArn from the roles the current session knows (matching name or ARN).</summary>
    public sealed class RoleArnCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            IReadOnlyList<CasAwsRole>? roles = CasSessionStore.Current?.KnownRoles;
            if (roles == null) return Enumerable.Empty<CompletionResult>();
            string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            string pattern = WildcardPattern.ContainsWildcardCharacters(word) ? word : "*" + word + "*";
            return RoleArnResolver.Match(pattern, roles)
                .Select(role => new CompletionResult("'" + role.RoleArn + "'", role.RoleArn, CompletionResultType.ParameterValue, role.AccountId + " " + role.RoleName));
        }
    }
}
