using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CasAws.Cas;
using CasAws.Errors;
using CasAws.Net;
using CasAws.Json;

namespace CasAws.Oidc
{
    /// <summary>
    /// The HTTP calls of the OIDC login (discovery, token, userinfo) through the connection's client, so
    /// -CaBundlePath, -SkipCertificateCheck and -Proxy apply; each call is bounded by the connection's timeout.
    /// </summary>
    internal static class OidcHttp
    {
        /// <summary>Answers larger than this are not read (every OIDC answer is a few kilobytes).</summary>
        private const int MaxAnswerBytes = PlatformJson.MaxLength;

        public static async Task<(int Status, string Body)> SendAsync(CasConnectionSettings settings, HttpRequestMessage request, string what, CancellationToken cancellationToken)
        {
            HttpClient client = HttpClientPool.Get(settings, request.RequestUri!);
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(settings.Timeout);
                try
                {
                    using (HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false))
                    {
                        long? length = response.Content.Headers.ContentLength;
                        if (length > MaxAnswerBytes) throw Unexpected(request, what, "its answer is too large");
                        CappedBody body = await BoundedHttpReader.ReadAsync(response.Content, MaxAnswerBytes, timeout.Token).ConfigureAwait(false);
                        if (body.Truncated) throw Unexpected(request, what, "its answer is too large");
                        return ((int)response.StatusCode, body.Text);
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new CasAwsException(ErrorIds.OidcServerTimeout, CasAwsErrorKind.OperationTimeout, request.RequestUri,
                        $"CAS did not answer the {what} request at {request.RequestUri!.GetLeftPart(UriPartial.Path)} within {settings.Timeout.TotalSeconds:0} s. Check the network and proxy, or allow more time with -TimeoutSec.");
                }
                catch (HttpRequestException problem) when (problem.InnerException is System.Security.Authentication.AuthenticationException tls)
                {
                    throw new CasAwsException(ErrorIds.CasCertificateUntrusted, CasAwsErrorKind.SecurityError, request.RequestUri,
                        $"The TLS certificate of {request.RequestUri!.Host} is not trusted ({tls.Message.TrimEnd('.')}), so the {what} request was not sent. If your organisation or a TLS-inspecting proxy uses its own certificate authority, pass its certificate with -CaBundlePath <file.pem>. Use -SkipCertificateCheck only for a test server.", problem);
                }
                catch (Exception problem) when (problem is HttpRequestException || problem is System.IO.IOException)
                {
                    throw new CasAwsException(ErrorIds.OidcServerUnreachable, CasAwsErrorKind.ConnectionError, request.RequestUri,
                        $"Could not reach CAS for the {what} request at {request.RequestUri!.GetLeftPart(UriPartial.Path)}: {Innermost(problem)} Check the URL, the network and proxy, and for a private CA -CaBundlePath.", problem);
                }
            }
        }

        public static CasAwsException Unexpected(HttpRequestMessage request, string what, string why) =>
            new CasAwsException(ErrorIds.OidcUnexpectedAnswer, CasAwsErrorKind.InvalidResult, request.RequestUri?.GetLeftPart(UriPartial.Path),
                $"CAS's answer to the {what} request at {request.RequestUri?.GetLeftPart(UriPartial.Path)} cannot be used: {why}. Check -Server and -Issuer, or ask the CAS administrator whether OpenID Connect is enabled.");

        private static string Innermost(Exception problem)
        {
            while (problem.InnerException != null) problem = problem.InnerException;
            return problem.Message.TrimEnd('.') + ".";
        }
    }
}
