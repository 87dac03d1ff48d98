using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CasAws.Cas;
using CasAws.Net;
using CasAws.Validation;

namespace CasAws.Diagnostics
{
    /// <summary>
    /// One GET to CAS's awsSts endpoint, with the connection's CA bundle and proxy and no credentials (no
    /// login, no push): whether TLS holds, whether the endpoint is exposed (it answers a GET with 405, as it
    /// takes only POST) or hidden (404), denied (401, 403) or sent to a login page (302), and how far the
    /// server's clock (its Date header) is from this computer's.
    /// </summary>
    internal static class CasServerProbe
    {
        /// <summary>AWS refuses a request signed more than 5 minutes off; CAS's credential expiry is computed from the local clock.</summary>
        public static readonly TimeSpan SkewFailure = TimeSpan.FromMinutes(5);
        public static readonly TimeSpan SkewWarning = TimeSpan.FromMinutes(1);

        public static async Task<IReadOnlyList<SetupCheck>> ProbeAsync(CasConnectionSettings settings, TimeSpan timeout, Func<DateTimeOffset> now, CancellationToken cancellation)
        {
            Uri endpoint = settings.EndpointUri;
            using (var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
            {
                timeoutSource.CancelAfter(timeout);
                try
                {
                    using (var request = new HttpRequestMessage(HttpMethod.Get, endpoint))
                    using (HttpResponseMessage response = await HttpClientPool.Get(settings, endpoint).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token).ConfigureAwait(false))
                    {
                        DateTimeOffset answeredAt = now();
                        return new[] { TlsHeld(endpoint), Endpoint(response, endpoint), Clock(response, answeredAt) };
                    }
                }
                catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
                {
                    return Unreached(endpoint, "no answer within " + timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s", "Check the server URL, the network and the proxy (-Proxy).");
                }
                catch (HttpRequestException failure)
                {
                    CasAnswer answer = CasStsClient.ClassifyTransportFailure(failure, DateTime.UtcNow, settings.ProxyFor(endpoint));
                    string why = TerminalText.Visible(answer.Detail ?? failure.Message);
                    if (answer.Kind == CasAnswerKind.CertificateUntrusted)
                    {
                        return new[]
                        {
                            new SetupCheck("ServerTls", SetupCheckStatus.Fail, endpoint.Host + "'s certificate chain is not trusted: " + why,
                                "Give the CA that issued it: -CaBundlePath company-ca.pem (saved with the connection), or ask for the connection file your organisation publishes (Import-CasAwsConnection). A TLS-inspecting proxy needs its own CA."),
                            Skipped("AwsStsEndpoint", "TLS"), Skipped("ClockSkew", "TLS"),
                        };
                    }

                    return Unreached(endpoint, why, "Check the server URL, the network and the proxy (-Proxy).");
                }
            }
        }

        private static SetupCheck TlsHeld(Uri endpoint) => endpoint.Scheme == Uri.UriSchemeHttps
            ? new SetupCheck("ServerTls", SetupCheckStatus.Pass, endpoint.Host + "'s certificate chain is trusted and names the host")
            : new SetupCheck("ServerTls", SetupCheckStatus.Skipped, "plain http to this computer: no TLS");

        /// <summary>What the endpoint's answer to a GET says about its exposure.</summary>
        internal static SetupCheck Endpoint(HttpResponseMessage response, Uri endpoint)
        {
            int status = (int)response.StatusCode;
            string at = endpoint.GetLeftPart(UriPartial.Path);
            const string Expose = "The CAS administrator enables and exposes it: management.endpoint.awsSts.access=UNRESTRICTED (CAS 7.2+; enabled=true before), management.endpoints.web.exposure.include=awsSts";
            switch (status)
            {
                case 405:
                case 200:
                case 400:
                case 415:
                    return new SetupCheck("AwsStsEndpoint", SetupCheckStatus.Pass, at + " is exposed (HTTP " + status + " to a GET; logins are POSTs)");
                case 404:
                    return new SetupCheck("AwsStsEndpoint", SetupCheckStatus.Fail, at + " answers 404: the awsSts endpoint is not there (not exposed, not enabled, or another path)",
                        Expose + ". If CAS has it under another path, give -EndpointPath.");
                case 401:
                case 403:
                    return new SetupCheck("AwsStsEndpoint", SetupCheckStatus.Fail, at + " answers " + status + ": CAS's actuator security denies the endpoint (its default is DENY)",
                        "The CAS administrator opens it: cas.monitor.endpoints.endpoint.awsSts.access=ANONYMOUS (the endpoint authenticates the user itself).");
            }

            if (status >= 300 && status < 400)
            {
                string location = response.Headers.Location == null ? "nowhere" : UrlPolicy.Display(response.Headers.Location.OriginalString);
                bool login = location.IndexOf("login", StringComparison.OrdinalIgnoreCase) >= 0;
                return new SetupCheck("AwsStsEndpoint", SetupCheckStatus.Fail,
                    at + " answers " + status + (login ? " to a login page (" : " to ") + location + (login ? "): CAS's actuator security or an SSO gateway wants a browser login first" : ""),
                    login ? "The CAS administrator opens the endpoint: cas.monitor.endpoints.endpoint.awsSts.access=ANONYMOUS, and lets it past any SSO gateway." : "Check the server URL and -EndpointPath; the endpoint must answer itself, not redirect.");
            }

            return new SetupCheck("AwsStsEndpoint", status >= 500 ? SetupCheckStatus.Warning : SetupCheckStatus.Fail, at + " answers HTTP " + status + " to a GET",
                "Check the server URL and -EndpointPath; ask the CAS administrator what the endpoint's URL is.");
        }

        internal static SetupCheck Clock(HttpResponseMessage response, DateTimeOffset now)
        {
            DateTimeOffset? date = response.Headers.Date;
            if (date == null) return new SetupCheck("ClockSkew", SetupCheckStatus.Skipped, "the server sent no Date header");
            TimeSpan skew = date.Value - now;
            string found = string.Format(CultureInfo.InvariantCulture, "the server's clock is {0:0} s {1} this computer's", Math.Abs(skew.TotalSeconds), skew < TimeSpan.Zero ? "behind" : "ahead of");
            TimeSpan size = skew.Duration();
            if (size > SkewFailure)
                return new SetupCheck("ClockSkew", SetupCheckStatus.Fail, found,
                    "Set this computer's clock (turn on network time); AWS refuses requests signed more than 5 minutes off, and credential expiry times will be wrong. If this computer is right, tell the CAS administrator.");
            if (size > SkewWarning)
                return new SetupCheck("ClockSkew", SetupCheckStatus.Warning, found, "Turn on network time on this computer (and ask the CAS administrator to check the server's).");
            return new SetupCheck("ClockSkew", SetupCheckStatus.Pass, found);
        }

        private static IReadOnlyList<SetupCheck> Unreached(Uri endpoint, string why, string fix) => new[]
        {
            new SetupCheck("ServerTls", SetupCheckStatus.Fail, endpoint.Host + " could not be reached: " + why, fix),
            Skipped("AwsStsEndpoint", "the server"), Skipped("ClockSkew", "the server"),
        };

        private static SetupCheck Skipped(string check, string what) => new SetupCheck(check, SetupCheckStatus.Skipped, "not checked: " + what + " failed first");
    }
}
