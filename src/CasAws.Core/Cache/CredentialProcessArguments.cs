using System;
using System.Collections.Generic;
using System.Globalization;
using CasAws.Cas;
using CasAws.Net;

namespace CasAws.Cache
{
    /// <summary>
    /// The credential_process helper's arguments: Register-CasAwsProfile writes them after the helper's path
    /// and the helper reads them back, so one class names them for both. They say how to log in again
    /// (server, user, role, duration, TLS and MFA settings) and never hold a secret.
    /// </summary>
    internal sealed class CredentialProcessArguments
    {
        public const string Usage =
            "CasAws.CredentialProcess --profile NAME [--server URL] [--role-arn ARN] [--user NAME] [--duration SECONDS] [--endpoint-path PATH] [--timeout SECONDS] [--ca-bundle FILE] [--proxy URL] [--mfa-provider NAME] [--mfa-account ID] [--duo-provider ID] [--service URL]";

        public CredentialProcessArguments(string profile)
        {
            Profile = profile;
        }

        public string Profile { get; }

        /// <summary>The CAS base URL (normalised by <see cref="ServerKey"/>).</summary>
        public string? Server { get; set; }

        /// <summary>The exact role ARN; null when CAS chooses (session-token mode or a single role).</summary>
        public string? RoleArn { get; set; }

        /// <summary>The CAS user name; the helper asks for it when it is not recorded.</summary>
        public string? UserName { get; set; }

        public TimeSpan? Duration { get; set; }

        /// <summary>Only when it is not CAS's default (actuator/awsSts).</summary>
        public string? EndpointPath { get; set; }

        public TimeSpan? Timeout { get; set; }

        /// <summary>A full path to a PEM file of extra CA certificates.</summary>
        public string? CaBundlePath { get; set; }

        /// <summary>An explicit proxy (no user information); the system proxy otherwise.</summary>
        public string? Proxy { get; set; }

        /// <summary>The CAS MFA provider's name (Duo when absent).</summary>
        public string? MfaProvider { get; set; }

        /// <summary>Google Authenticator's device id ('gauthacct').</summary>
        public string? MfaAccount { get; set; }

        /// <summary>The Duo provider id when it is not 'mfa-duo'.</summary>
        public string? DuoProviderId { get; set; }

        /// <summary>CAS's 'service' (an application URL whose MFA policy applies).</summary>
        public string? Service { get; set; }

        /// <summary>
        /// Puts the profile's CA bundle (checked by <see cref="CertificateBundle.Checked"/>) and proxy on
        /// <paramref name="settings"/>: the helper's login to CAS and its renewal at STS reach the network alike.
        /// </summary>
        /// <exception cref="Errors.CasAwsException">CaBundleUnreadable.</exception>
        public void ApplyTransportTo(TransportSettings settings)
        {
            if (CaBundlePath is not null)
            {
                settings.CaBundlePath = CertificateBundle.Checked(CaBundlePath, CaBundlePath, "--ca-bundle");
            }

            if (Proxy is not null && ConnectionSettingRules.ProxyProblem(Proxy, out Uri? proxy) is null)
            {
                settings.Proxy = proxy;
            }
        }

        /// <summary>Name and value pairs in a fixed order, for the credential_process line.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> ToPairs()
        {
            var pairs = new List<KeyValuePair<string, string>>();
            Add(pairs, "--profile", Profile);
            Add(pairs, "--server", Server);
            Add(pairs, "--role-arn", RoleArn);
            Add(pairs, "--user", UserName);
            Add(pairs, "--duration", Seconds(Duration));
            Add(pairs, "--endpoint-path", EndpointPath);
            Add(pairs, "--timeout", Seconds(Timeout));
            Add(pairs, "--ca-bundle", CaBundlePath);
            Add(pairs, "--proxy", Proxy);
            Add(pairs, "--mfa-provider", MfaProvider);
            Add(pairs, "--mfa-account", MfaAccount);
            Add(pairs, "--duo-provider", DuoProviderId);
            Add(pairs, "--service", Service);
            return pairs;
        }

        public static bool TryParse(string[] args, out CredentialProcessArguments? parsed, out string? problem)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            parsed = null;
            for (int i = 0; i < args.Length; i += 2)
            {
                if (i + 1 >= args.Length)
                {
                    problem = $"'{args[i]}' needs a value.";
                    return false;
                }

                if (!IsKnown(args[i]))
                {
                    problem = $"unknown argument '{args[i]}'.";
                    return false;
                }

                if (values.ContainsKey(args[i]))
                {
                    problem = $"'{args[i]}' is given twice.";
                    return false;
                }

                values[args[i]] = args[i + 1];
            }

            if (!values.TryGetValue("--profile", out string? profile) || profile.Length == 0)
            {
                problem = "--profile is missing.";
                return false;
            }

            var result = new CredentialProcessArguments(profile)
            {
                Server = Value(values, "--server"),
                RoleArn = Value(values, "--role-arn"),
                UserName = Value(values, "--user"),
                EndpointPath = Value(values, "--endpoint-path"),
                CaBundlePath = Value(values, "--ca-bundle"),
                Proxy = Value(values, "--proxy"),
                MfaProvider = Value(values, "--mfa-provider"),
                MfaAccount = Value(values, "--mfa-account"),
                DuoProviderId = Value(values, "--duo-provider"),
                Service = Value(values, "--service"),
            };
            if (!TrySeconds(values, "--duration", out TimeSpan? duration, out problem) || !TrySeconds(values, "--timeout", out TimeSpan? timeout, out problem))
            {
                return false;
            }

            result.Duration = duration;
            result.Timeout = timeout;
            problem = result.SettingProblem();
            if (problem is not null)
            {
                return false;
            }

            parsed = result;
            return true;
        }

        /// <summary>The same checks a cmdlet parameter or a saved connection gets (<see cref="ConnectionSettingRules"/>, <see cref="UrlPolicy"/>).</summary>
        private string? SettingProblem()
        {
            if (Timeout is TimeSpan timeout && ConnectionSettingRules.TimeoutProblem((long)timeout.TotalSeconds) is string timeoutProblem)
            {
                return "'--timeout': " + timeoutProblem + ".";
            }

            if (Proxy is not null && ConnectionSettingRules.ProxyProblem(Proxy, out _) is string proxyProblem)
            {
                return "'--proxy': " + proxyProblem;
            }

            if (Server is not null)
            {
                UrlVerdict verdict = UrlPolicy.Check(Server, out Uri? server);
                if (!UrlPolicy.IsAccepted(verdict))
                {
                    return "'--server': " + UrlPolicy.Problem(verdict, "The CAS server", UrlPolicy.Display(Server), "https://sso.example.org/cas");
                }

                if (EndpointPath is not null && !UrlPolicy.TryResolveEndpoint(server!, EndpointPath, out _, out string? endpointProblem))
                {
                    return "'--endpoint-path': " + endpointProblem;
                }
            }

            foreach (var (name, value) in new[] { ("--profile", (string?)Profile), ("--role-arn", RoleArn), ("--user", UserName), ("--ca-bundle", CaBundlePath),
                ("--mfa-provider", MfaProvider), ("--mfa-account", MfaAccount), ("--duo-provider", DuoProviderId), ("--service", Service) })
            {
                if (value is not null && ConnectionSettingRules.TextProblem("'" + name + "'", value) is string textProblem)
                {
                    return textProblem + ".";
                }
            }

            return null;
        }

        private static bool IsKnown(string name)
        {
            switch (name)
            {
                case "--profile":
                case "--server":
                case "--role-arn":
                case "--user":
                case "--duration":
                case "--endpoint-path":
                case "--timeout":
                case "--ca-bundle":
                case "--proxy":
                case "--mfa-provider":
                case "--mfa-account":
                case "--duo-provider":
                case "--service":
                    return true;
                default:
                    return false;
            }
        }

        private static string? Value(Dictionary<string, string> values, string name) =>
            values.TryGetValue(name, out string? value) && value.Length > 0 ? value : null;

        private static bool TrySeconds(Dictionary<string, string> values, string name, out TimeSpan? span, out string? problem)
        {
            span = null;
            problem = null;
            string? text = Value(values, name);
            if (text is null)
            {
                return true;
            }

            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) || seconds <= 0)
            {
                problem = $"'{name}' needs a whole number of seconds, not '{text}'.";
                return false;
            }

            span = TimeSpan.FromSeconds(seconds);
            return true;
        }

        private static string? Seconds(TimeSpan? span) =>
            span.HasValue ? ((long)span.Value.TotalSeconds).ToString(CultureInfo.InvariantCulture) : null;

        private static void Add(List<KeyValuePair<string, string>> pairs, string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                pairs.Add(new KeyValuePair<string, string>(name, value!));
            }
        }
    }
}
