using System;
using System.Management.Automation;
using CasAws.Connections;
using CasAws.Errors;
using CasAws.Net;

namespace CasAws.Commands
{
    /// <summary>
    /// Import-CasAwsConnection: saves the connection an administrator publishes as a file (a path or an https
    /// URL), checked by the rules a parameter meets and refused whole when it holds a secret.
    /// </summary>
    [Cmdlet(VerbsData.Import, "CasAwsConnection", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SavedConnection))]
    public sealed class ImportCasAwsConnectionCommand : CasAwsCmdlet
    {
        private const string PathSet = "Path";
        private const string UriSet = "Uri";

        /// <summary>The connection file on this computer.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>The connection file's https URL (plain http only from this computer).</summary>
        [Parameter(Mandatory = true, ParameterSetName = UriSet)]
        [ValidateNotNull]
        public Uri? Uri { get; set; }

        /// <summary>The name to save the connection under; default the file's "name", else the server's host.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>With -Uri: a PEM file of CA certificates to trust for the web server publishing the file.</summary>
        [Parameter(ParameterSetName = UriSet)]
        [ValidateNotNullOrEmpty]
        public string? CaBundlePath { get; set; }

        /// <summary>With -Uri: how long to wait for the web server, in seconds.</summary>
        [Parameter(ParameterSetName = UriSet)]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = 30;

        protected override void ProcessRecord()
        {
            try
            {
                PublishedConnection published = Path != null
                    ? PublishedConnectionImport.FromFile(SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path), Path, Name)
                    : WaitWithProgress(
                        cancel => PublishedConnectionImport.FromUrlAsync(Uri!, Transport(), TimeSpan.FromSeconds(TimeoutSec), Name, cancel),
                        "Importing a CasAws connection", "Fetching " + UrlPolicy.Display(Uri!.OriginalString));
                SavedConnection connection = published.Connection;
                var store = ConnectionStore.ForCurrentUser();
                string bundle = published.CaBundlePem != null ? " with its CA bundle" : string.Empty;
                if (!ShouldProcess(store.FilePath, $"Save the connection '{connection.Name}' for {connection.Server}{bundle} and make it the default"))
                {
                    return;
                }

                ConnectionSaveResult saved;
                try
                {
                    saved = PublishedConnectionImport.Save(published, store, ConfigDirectory.Resolve(), StopToken);
                }
                catch (Exception exception) when (exception is System.IO.IOException || exception is UnauthorizedAccessException || exception is TimeoutException)
                {
                    throw new CasAwsException(ErrorIds.ConnectionNotSaved, CasAwsErrorKind.WriteError, connection.Name,
                        $"The connection '{connection.Name}' could not be saved in '{store.FilePath}' ({exception.Message}).", exception);
                }

                if (saved.Problem != null) SavedConnectionReport.Warn(this, saved.Problem);
                WriteVerbose($"{(saved.Replaced ? "Replaced" : "Saved")} the connection '{saved.Name}' in '{store.FilePath}'; Connect-CasAws -Name {saved.Name} logs in with it.");
                WriteObject(store.Load().Find(saved.Name) ?? connection);
            }
            catch (CasAwsException failure)
            {
                WriteCasError(failure);
            }
        }

        /// <summary>Trust for the publishing web server: the system's, plus -CaBundlePath; its proxy the system's.</summary>
        private TransportSettings Transport() =>
            new TransportSettings { CaBundlePath = CaBundlePath == null ? null : LoadCaBundle(CaBundlePath) };
    }
}
