using System.Management.Automation;
using CasAws.Connections;
using CasAws.Errors;

namespace CasAws.Commands
{
    /// <summary>Forgets saved connections. Nothing secret was saved, so nothing else needs wiping.</summary>
    [Cmdlet(VerbsCommon.Remove, "CasAwsConnection", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveCasAwsConnectionCommand : CasAwsCmdlet
    {
        /// <summary>The names of the connections to remove (Get-CasAwsConnection output can be piped).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SavedConnectionCompleter))]
        public string[] Name { get; set; } = new string[0];

        protected override void ProcessRecord()
        {
            var store = ConnectionStore.ForCurrentUser();
            ConnectionSnapshot saved = store.Load();
            foreach (string name in Name)
            {
                // -WhatIf and -Confirm announce only a removal that would happen.
                if (saved.Find(name) == null)
                {
                    NotFound(name);
                    continue;
                }

                if (!ShouldProcess(store.FilePath, $"Remove the saved connection '{name}'")) continue;
                bool removed;
                try
                {
                    removed = store.Remove(name, StopToken);
                }
                catch (System.Exception exception) when (exception is System.IO.IOException || exception is System.UnauthorizedAccessException || exception is System.TimeoutException)
                {
                    WriteCasError(new CasAwsException(ErrorIds.ConnectionNotSaved, CasAwsErrorKind.WriteError, name,
                        $"The saved connection '{name}' could not be removed from '{store.FilePath}' ({exception.Message})."));
                    continue;
                }

                if (!removed)
                {
                    NotFound(name);
                }
                else
                {
                    WriteVerbose($"Removed the saved connection '{name}' from '{store.FilePath}'.");
                }
            }
        }

        private void NotFound(string name) =>
            WriteCasError(new CasAwsException(ErrorIds.ConnectionNotFound, CasAwsErrorKind.ObjectNotFound, name,
                $"There is no saved connection '{name}'. Get-CasAwsConnection lists them."));
    }
}
