using System.Management.Automation;
using CasAws.Connections;
using CasAws.Errors;

namespace CasAws.Commands
{
    /// <summary>Forgets an account's alias on a saved connection.</summary>
    [Cmdlet(VerbsCommon.Remove, "CasAwsAccountAlias", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class RemoveCasAwsAccountAliasCommand : CasAwsCmdlet
    {
        /// <summary>The 12-digit AWS account id (Get-CasAwsAccountAlias output can be piped).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string AccountId { get; set; } = string.Empty;

        /// <summary>The saved connection that holds it; the default one when not given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SavedConnectionCompleter))]
        public string? Connection { get; set; }

        protected override void ProcessRecord()
        {
            string connection = Connection ?? SavedConnectionReport.Find(this, null).Name;
            ConnectionStore store = ConnectionStore.ForCurrentUser();
            try
            {
                AccountAliasEditor.RequireAlias(store.Load(), connection, AccountId);
                if (!ShouldProcess(store.FilePath, $"Remove the alias of account {AccountId} from the saved connection '{connection}'")) return;
                AccountAliasEditor.Remove(store, connection, AccountId, StopToken);
            }
            catch (CasAwsException exception)
            {
                WriteCasError(exception);
            }
        }
    }
}
