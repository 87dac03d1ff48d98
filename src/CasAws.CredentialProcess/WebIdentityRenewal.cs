using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Xml.Linq;
using CasAws.Aws;
using CasAws.Cache;
using CasAws.Errors;
using CasAws.Net;
using CasAws.Validation;

namespace CasAws.CredentialProcess
{
    /// <summary>
    /// When a profile's cached keys are gone or too old and the CAS server's OpenID Connect login is in
    /// the private cache, gets fresh role keys with AssumeRoleWithWebIdentity, without a prompt: an unsigned
    /// Query API POST (no AWS SDK in the helper), to the STS endpoint the module would use.
    /// </summary>
    internal static class WebIdentityRenewal
    {
        private static readonly TimeSpan MinimumTokenLife = TimeSpan.FromMinutes(1);
        private static readonly XNamespace Sts = "https://sts.amazonaws.com/doc/2011-06-15/";
        private static readonly TimeSpan DefaultDuration = TimeSpan.FromHours(1);

        /// <summary>An AssumeRoleWithWebIdentity answer is about 2 KB.</summary>
        private const int MaxAnswerBytes = 64 * 1024;

        /// <summary>True when fresh keys are in the cache now; false with a problem line (no secrets) or with null when there was nothing to try.</summary>
        public static bool TryRenew(CredentialProcessArguments commandLine, CredentialCacheStore store, DateTime utcNow, out string? problem) =>
            TryRenew(commandLine, store, utcNow, Environment.GetEnvironmentVariable, out problem);

        /// <param name="environment">Reads AWS_ENDPOINT_URL_STS, AWS_REGION, AWS_CA_BUNDLE and the like (the process's environment).</param>
        internal static bool TryRenew(CredentialProcessArguments commandLine, CredentialCacheStore store, DateTime utcNow, Func<string, string?> environment, out string? problem)
        {
            problem = null;
            CredentialCacheEntry? entry = store.Read(commandLine.Profile);
            string? server = entry?.Server ?? commandLine.Server;
            string? roleArn = entry?.RoleArn ?? commandLine.RoleArn;
            if (server is null || roleArn is null) return false;
            CachedWebIdentity? login = WebIdentityTokenCache.Read(server);
            if (login is null || login.ExpiresUtc - utcNow < MinimumTokenLife) return false;

            StsEndpoint endpoint;
            TransportSettings transport;
            try
            {
                endpoint = StsEndpointResolver.Resolve(null, null, null, null, environment, StsSettingNames.EnvironmentOnly);
                var profileTransport = new TransportSettings();
                commandLine.ApplyTransportTo(profileTransport);
                transport = TransportSettings.ForAws(new TransportSettings(), profileTransport, environment);
            }
            catch (ArgumentException invalid)
            {
                problem = "CasAws credential_process: " + invalid.Message;
                return false;
            }
            catch (CasAwsException invalid)
            {
                problem = "CasAws credential_process: " + invalid.Message;
                return false;
            }

            var form = new Dictionary<string, string>
            {
                ["Action"] = "AssumeRoleWithWebIdentity",
                ["Version"] = "2011-06-15",
                ["RoleArn"] = roleArn,
                ["RoleSessionName"] = login.SessionName,
                ["WebIdentityToken"] = login.IdToken,
                ["DurationSeconds"] = ((long)(commandLine.Duration ?? DefaultDuration).TotalSeconds).ToString(CultureInfo.InvariantCulture),
            };
            string body;
            int status;
            try
            {
                // The pooled client: no redirect is followed (the token is never re-posted elsewhere), plain http
                // to a loopback STS never goes through HTTP_PROXY, and the profile's CA bundle and proxy apply.
                using HttpClient http = HttpClientPool.Get(transport, endpoint.ServiceUrl);
                using var timeout = new CancellationTokenSource(endpoint.Timeout);
                using HttpResponseMessage response = http.PostAsync(endpoint.ServiceUrl, new FormUrlEncodedContent(form), timeout.Token).GetAwaiter().GetResult();
                status = (int)response.StatusCode;
                CappedBody answer = BoundedHttpReader.ReadAsync(response.Content, MaxAnswerBytes, timeout.Token).GetAwaiter().GetResult();
                if (answer.Truncated)
                {
                    problem = $"CasAws credential_process: STS at {endpoint.ServiceUrl.Host} sent an answer larger than any AssumeRoleWithWebIdentity answer; nothing was cached.";
                    return false;
                }

                body = answer.Text;
            }
            catch (Exception failure) when (failure is HttpRequestException || failure is OperationCanceledException || failure is System.IO.IOException)
            {
                problem = $"CasAws credential_process: STS at {endpoint.ServiceUrl.Host} could not be reached to renew the role credentials ({failure.GetType().Name}).";
                return false;
            }

            try
            {
                XElement root = XElement.Parse(body);
                if (status != 200)
                {
                    string code = root.Descendants(Sts + "Code").FirstOrDefault()?.Value ?? "HTTP " + status;
                    problem = $"CasAws credential_process: STS refused AssumeRoleWithWebIdentity for {roleArn} ({Printable(code)}). Log in again in PowerShell: {CredentialCacheAnswer.ImportModuleCommand()}; Connect-CasAws -Server {PowerShellQuoting.SingleQuoted(server) ?? "<CAS URL>"} -OpenIdConnect";
                    return false;
                }

                XElement keys = root.Descendants(Sts + "Credentials").First();
                DateTime expiration = DateTime.Parse(keys.Element(Sts + "Expiration")!.Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                string accessKeyId = keys.Element(Sts + "AccessKeyId")!.Value;
                string secretAccessKey = keys.Element(Sts + "SecretAccessKey")!.Value;
                string sessionToken = keys.Element(Sts + "SessionToken")!.Value;
                string? invalid = ServerValueErrors.KeysProblem(accessKeyId, secretAccessKey, sessionToken);
                if (invalid is not null)
                {
                    // Like every server value: checked before it is cached or printed, and never shown.
                    problem = $"CasAws credential_process: STS at {endpoint.ServiceUrl.Host} answered AssumeRoleWithWebIdentity with keys that are not in AWS's shape (its {invalid}); nothing was cached.";
                    return false;
                }

                CredentialCacheEntry renewed = (entry ?? new CredentialCacheEntry(commandLine.Profile, server, roleArn)).WithKeys(
                    accessKeyId, secretAccessKey, sessionToken, expiration, AwsArn.AccountOf(roleArn));
                store.Write(renewed);
                return true;
            }
            catch (Exception malformed) when (malformed is System.Xml.XmlException || malformed is InvalidOperationException || malformed is NullReferenceException || malformed is FormatException)
            {
                problem = $"CasAws credential_process: STS at {endpoint.ServiceUrl.Host} gave an answer that is not AssumeRoleWithWebIdentity's.";
                return false;
            }
        }

        private static string Printable(string code) =>
            code.Length <= 64 && System.Text.RegularExpressions.Regex.IsMatch(code, "^[A-Za-z0-9 ._-]+$") ? code : "an unreadable error";
    }
}
