using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CasAws.Errors;
using CasAws.Files;
using CasAws.Net;
using CasAws.Validation;

namespace CasAws.Connections
{
    /// <summary>
    /// Import-CasAwsConnection's work: read a published connection file from a path or an https URL (bounded,
    /// under a timeout and Ctrl+C), check it (<see cref="PublishedConnection"/>), and save it through the
    /// <see cref="ConnectionStore"/>, an inline CA bundle first written to ca-bundles/NAME.pem beside the settings.
    /// </summary>
    internal static class PublishedConnectionImport
    {
        public const string BundleFolder = "ca-bundles";

        /// <exception cref="CasAwsException">ConnectionFileUnreadable, or what <see cref="PublishedConnection.Parse"/> throws.</exception>
        public static PublishedConnection FromFile(string fullPath, string shownPath, string? name)
        {
            string text;
            try
            {
                var info = new FileInfo(fullPath);
                if (info.Exists && info.Length > PublishedConnection.MaxBytes) throw new InvalidDataException("it is larger than " + (PublishedConnection.MaxBytes / 1024) + " KB, which no connection file is");
                text = File.ReadAllText(fullPath, Encoding.UTF8);
            }
            catch (Exception problem) when (problem is IOException || problem is UnauthorizedAccessException || problem is InvalidDataException)
            {
                throw new CasAwsException(ErrorIds.ConnectionFileUnreadable, CasAwsErrorKind.ReadError, shownPath,
                    $"The connection file '{TerminalText.Visible(shownPath)}' could not be read ({TerminalText.Visible(problem.Message)}).", problem);
            }

            return PublishedConnection.Parse(text, shownPath, Path.GetDirectoryName(fullPath), name);
        }

        /// <summary>Fetches the file over https (plain http only from this computer), without following redirects.</summary>
        /// <exception cref="CasAwsException">ConnectionFileUnreadable (refused URL, status, network, timeout, too large), or what <see cref="PublishedConnection.Parse"/> throws.</exception>
        public static async Task<PublishedConnection> FromUrlAsync(Uri url, TransportSettings transport, TimeSpan timeout, string? name, CancellationToken cancellation)
        {
            string shown = UrlPolicy.Display(url.OriginalString);
            string? refused = UrlPolicy.Problem(UrlPolicy.Check(url), "-Uri", shown, "https://it.example.edu/casaws/connection.json");
            if (refused != null) throw Unreadable(shown, refused, null);

            using (var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
            {
                timeoutSource.CancelAfter(timeout);
                try
                {
                    using (var request = new HttpRequestMessage(HttpMethod.Get, url))
                    using (HttpResponseMessage response = await HttpClientPool.Get(transport, url).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token).ConfigureAwait(false))
                    {
                        if ((int)response.StatusCode != 200) throw Unreadable(shown, "the server answered HTTP " + (int)response.StatusCode + " (a connection file is fetched without following redirects)", null);
                        CappedBody body = await BoundedHttpReader.ReadAsync(response.Content, PublishedConnection.MaxBytes, timeoutSource.Token).ConfigureAwait(false);
                        if (body.Truncated) throw Unreadable(shown, "it is larger than " + (PublishedConnection.MaxBytes / 1024) + " KB, which no connection file is", null);
                        return PublishedConnection.Parse(body.Text, shown, null, name);
                    }
                }
                catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
                {
                    throw Unreadable(shown, "no answer within " + timeout.TotalSeconds + " s", null);
                }
                catch (HttpRequestException problem)
                {
                    Exception deepest = problem;
                    while (deepest.InnerException != null) deepest = deepest.InnerException;
                    throw Unreadable(shown, TerminalText.Visible(deepest.Message), problem);
                }
            }
        }

        /// <summary>Where an inline CA bundle goes for the connection <paramref name="name"/>.</summary>
        public static string BundlePathFor(string configDirectory, string name) => Path.Combine(configDirectory, BundleFolder, name + ".pem");

        /// <summary>Writes an inline CA bundle (when there is one) and saves the connection; it becomes the default.</summary>
        public static ConnectionSaveResult Save(PublishedConnection published, ConnectionStore store, string configDirectory, CancellationToken cancellation)
        {
            if (published.CaBundlePem != null)
            {
                string path = BundlePathFor(configDirectory, published.Connection.Name);
                PrivateDirectory.Ensure(Path.GetDirectoryName(path)!);
                AtomicFileWriter.Write(path, Encoding.UTF8.GetBytes(published.CaBundlePem), FilePrivacy.KeepExistingOrOwnerOnly);
                published.Connection.CaBundlePath = CertificateBundle.Checked(path, path, "The imported CA bundle");
            }

            return store.Save(published.Connection, cancellation, nameGiven: true);
        }

        private static CasAwsException Unreadable(string shown, string why, Exception? inner) =>
            new CasAwsException(ErrorIds.ConnectionFileUnreadable, CasAwsErrorKind.ReadError, shown,
                $"The connection file '{shown}' could not be fetched: {why}. Nothing was imported.", inner);
    }
}
