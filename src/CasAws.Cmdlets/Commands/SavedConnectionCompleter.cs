using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CasAws.Connections;

namespace CasAws.Commands
{
    /// <summary>Completes -Server / -Name with the names of saved connections (a damaged settings file completes nothing).</summary>
    public sealed class SavedConnectionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return ConnectionStore.ForCurrentUser().Load().Connections
                .Where(c => c.Name.StartsWith(prefix, System.StringComparison.OrdinalIgnoreCase))
                .OrderBy(c => c.Name, System.StringComparer.OrdinalIgnoreCase)
                .Select(c => new CompletionResult(c.Name, c.Name, CompletionResultType.ParameterValue, c.Server))
                .ToList();
        }
    }
}
