using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CasAws.Connections;

namespace CasAws.Commands
{
    /// <summary>Lists the account aliases kept on saved connections.</summary>
    [Cmdlet(VerbsCommon.Get, "CasAwsAccountAlias")]
    [OutputType(typeof(CasAwsAccountAlias))]
    public sealed class GetCasAwsAccountAliasCommand : CasAwsCmdlet
    {
        /// <summary>Account ids or aliases to list; wildcards allowed.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? AccountId { get; set; }

        /// <summary>The saved connection whose aliases to list; all connections when not given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SavedConnectionCompleter))]
        public string? Connection { get; set; }

        protected override void ProcessRecord()
        {
            IEnumerable<SavedConnection> connections = Connection == null
                ? SavedConnectionReport.Load(this).Connections
                : new[] { SavedConnectionReport.Find(this, Connection) };
            WildcardPattern[] patterns = (AccountId ?? new[] { "*" })
                .Select(p => new WildcardPattern(p, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToArray();
            foreach (SavedConnection connection in connections)
            {
                foreach (KeyValuePair<string, string> alias in connection.AccountAliases)
                {
                    if (patterns.Any(p => p.IsMatch(alias.Key) || p.IsMatch(alias.Value)))
                    {
                        WriteObject(new CasAwsAccountAlias(connection.Name, alias.Key, alias.Value));
                    }
                }
            }
        }
    }
}
