using System.Management.Automation;
using CasAws.Connections;
using CasAws.Errors;

namespace CasAws.Commands
{
    /// <summary>Names an AWS account on a saved connection, so roles, completions, the role menu and profile names show the name.</summary>
    [Cmdlet(VerbsCommon.Set, "CasAwsAccountAlias", SupportsShouldProcess = true)]
    [OutputType(typeof(CasAwsAccountAlias))]
    public sealed class SetCasAwsAccountAliasCommand : CasAwsCmdlet
    {
        /// <summary>The 12-digit AWS account id.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string AccountId { get; set; } = string.Empty;

        /// <summary>The name: 3 to 63 lower-case letters, digits and single hyphens (IAM's alias rule).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Alias { get; set; } = string.Empty;

        /// <summary>The saved connection to keep it on; the default one when not given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SavedConnectionCompleter))]
        public string? Connection { get; set; }

        protected override void ProcessRecord()
        {
            string connection = Connection ?? SavedConnectionReport.Find(this, null).Name;
            ConnectionStore store = ConnectionStore.ForCurrentUser();
            if (!ShouldProcess(store.FilePath, $"Name account {AccountId} '{Alias}' on the saved connection '{connection}'")) return;
            try
            {
                WriteObject(AccountAliasEditor.Set(store, connection, AccountId, Alias, StopToken));
            }
            catch (CasAwsException exception)
            {
                WriteCasError(exception);
            }
        }
    }
}
