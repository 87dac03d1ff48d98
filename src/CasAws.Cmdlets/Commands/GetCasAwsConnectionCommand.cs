using System.Linq;
using System.Management.Automation;
using CasAws.Connections;

namespace CasAws.Commands
{
    /// <summary>The saved connections (non-secret settings Connect-CasAws remembered), the default one first.</summary>
    [Cmdlet(VerbsCommon.Get, "CasAwsConnection")]
    [OutputType(typeof(SavedConnection))]
    public sealed class GetCasAwsConnectionCommand : CasAwsCmdlet
    {
        /// <summary>Wildcard patterns matched against the connection names.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SavedConnectionCompleter))]
        public string[]? Name { get; set; }

        protected override void ProcessRecord()
        {
            ConnectionSnapshot snapshot = SavedConnectionReport.Load(this);
            foreach (SavedConnection connection in snapshot.Connections.OrderByDescending(c => c.IsDefault).ThenBy(c => c.Name, System.StringComparer.OrdinalIgnoreCase))
            {
                if (Name == null || Name.Any(pattern => WildcardPattern.Get(pattern, WildcardOptions.IgnoreCase).IsMatch(connection.Name)))
                {
                    WriteObject(connection);
                }
            }
        }
    }
}
