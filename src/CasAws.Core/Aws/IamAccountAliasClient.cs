using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;
using CasAws.Connections;
using CasAws.Credentials;
using CasAws.Errors;
using CasAws.Net;
using CasAws.Validation;

namespace CasAws.Aws
{
    /// <summary>
    /// IAM's ListAccountAliases (Query protocol, API version 2010-05-08) with a role's own keys: the request signed by
    /// the AWS SDK's signer in the STS island, sent through the AWS transport policy, the XML answer read with limits
    /// and the alias checked against IAM's alias shape. AWS_ENDPOINT_URL_IAM, then AWS_ENDPOINT_URL, move the endpoint.
    /// </summary>
    internal static class IamAccountAliasClient
    {
        public const string ServiceEndpointVariable = "AWS_ENDPOINT_URL_IAM";
        private const string FormBody = "Action=ListAccountAliases&Version=2010-05-08";
        private const int MaxAnswerBytes = 64 * 1024;
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

        /// <summary>IAM is global: one endpoint per partition, signed for its home region.</summary>
        public static (Uri Url, string SigningRegion) Endpoint(string partition, Func<string, string?> environment)
        {
            string? configured = new[] { environment(ServiceEndpointVariable), environment(StsEndpointResolver.GlobalEndpointVariable) }
                .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
            if (configured != null)
            {
                return (StsEndpointResolver.ParseEndpoint(configured.Trim(), "IAM", "Set " + ServiceEndpointVariable + " to IAM's URL, or unset it."), StsEndpointResolver.GlobalSigningRegion);
            }

            return partition switch
            {
                "aws-cn" => (new Uri("https://iam.cn-north-1.amazonaws.com.cn/"), "cn-north-1"),
                "aws-us-gov" => (new Uri("https://iam.us-gov.amazonaws.com/"), "us-gov-west-1"),
                _ => (new Uri("https://iam.amazonaws.com/"), StsEndpointResolver.GlobalSigningRegion),
            };
        }

        /// <summary>The account's alias, or null when it has none.</summary>
        /// <exception cref="CasAwsException">AccountAliasNotResolved: refused (IAM's code and message), an answer out of shape, a network failure or a timeout.</exception>
        public static async Task<string?> ListAccountAliasAsync(IStsBridge bridge, Uri url, string signingRegion, TransportSettings transport,
            CasAwsCredential keys, string accountId, CancellationToken cancellationToken)
        {
            var signing = new AwsSigningRequest(url, "iam", signingRegion, FormBody, DateTime.UtcNow);
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(FormBody)) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
            foreach (KeyValuePair<string, string> header in bridge.SignQueryRequest(signing, keys))
            {
                request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutSource.CancelAfter(Timeout);
            try
            {
                using HttpResponseMessage response = await HttpClientPool.Get(transport, url).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token).ConfigureAwait(false);
                CappedBody body = await BoundedHttpReader.ReadAsync(response.Content, MaxAnswerBytes, timeoutSource.Token).ConfigureAwait(false);
                return ReadAnswer(body.Text, (int)response.StatusCode, url, accountId);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw Failed(accountId, $"IAM at {url.Host} did not answer within {Timeout.TotalSeconds} s.");
            }
            catch (HttpRequestException exception)
            {
                throw Failed(accountId, $"IAM at {url.Host} could not be reached: {TerminalText.Visible(ConsoleSignIn.Describe(exception))}");
            }
        }

        /// <summary>The alias of a 200 answer; IAM's error code and message otherwise. Never a parser's own exception.</summary>
        internal static string? ReadAnswer(string body, int status, Uri url, string accountId)
        {
            XDocument document;
            try
            {
                using var reader = XmlReader.Create(new System.IO.StringReader(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxAnswerBytes });
                document = XDocument.Load(reader);
            }
            catch (XmlException)
            {
                throw Failed(accountId, $"IAM at {url.Host} answered HTTP {status} with something that is not IAM's XML: is '{UrlPolicy.Display(url.AbsoluteUri)}' IAM?");
            }

            if (status != 200)
            {
                string code = document.Descendants().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value ?? "HTTP " + status;
                string message = document.Descendants().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value ?? string.Empty;
                string advice = code == "AccessDenied" ? " The role's policy does not allow iam:ListAccountAliases; name the account yourself with Set-CasAwsAccountAlias." : string.Empty;
                throw Failed(accountId, $"IAM refused ListAccountAliases ({TerminalText.Visible(code)}): {TerminalText.Visible(message)}{advice}");
            }

            List<string> aliases = document.Descendants().Where(e => e.Name.LocalName == "AccountAliases")
                .SelectMany(list => list.Elements().Where(e => e.Name.LocalName == "member")).Select(e => e.Value).ToList();
            if (aliases.Count == 0) return null;
            if (!AccountAliasRules.IsAlias(aliases[0]))
            {
                throw Failed(accountId, $"IAM at {url.Host} answered an alias that is not shaped like one: '{TerminalText.Visible(aliases[0])}'.");
            }

            return aliases[0];
        }

        private static CasAwsException Failed(string accountId, string message) =>
            new CasAwsException(ErrorIds.AccountAliasNotResolved, CasAwsErrorKind.InvalidResult, accountId, $"Account {accountId}: {message}");
    }
}
