using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CasAws.Aws;

namespace CasAws.Commands
{
    /// <summary>Completes Get-CasAwsConsoleUrl -Service with the short names of the console service map.</summary>
    public sealed class ConsoleServiceCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return ConsoleServices.Paths
                .Where(entry => entry.Key.StartsWith(prefix, System.StringComparison.OrdinalIgnoreCase))
                .OrderBy(entry => entry.Key, System.StringComparer.Ordinal)
                .Select(entry => new CompletionResult(entry.Key, entry.Key, CompletionResultType.ParameterValue, entry.Value))
                .ToList();
        }
    }
}
