using System;
using CasAws.Net;
using CasAws.Validation;

namespace CasAws.Cas
{
    /// <summary>
    /// The one check of each connection setting, whatever its source: a cmdlet parameter, a saved
    /// connection in connections.json, or a credential_process helper argument from ~/.aws/config.
    /// Each method returns why the value cannot be used, or null; none repeats a user name or password.
    /// The server URL and endpoint path are checked by <see cref="UrlPolicy"/> when settings are made.
    /// </summary>
    internal static class ConnectionSettingRules
    {
        public const int MinTimeoutSeconds = 1;

        /// <summary>An hour: CAS holds a Duo push for a minute or two; more is a mistake, and far more overflows a timer.</summary>
        public const int MaxTimeoutSeconds = 3600;

        public static string? TimeoutProblem(long seconds) =>
            seconds < MinTimeoutSeconds || seconds > MaxTimeoutSeconds
                ? $"the timeout must be {MinTimeoutSeconds} to {MaxTimeoutSeconds} seconds, not {seconds}"
                : null;

        /// <summary>The proxy URL, once <see cref="TransportSettings.CheckProxyUrl"/> accepts it.</summary>
        public static string? ProxyProblem(string text, out Uri? proxy)
        {
            proxy = null;
            if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out Uri? parsed))
            {
                return "the proxy '" + UrlPolicy.Display(text) + "' is not a URL; it must look like http://proxy.example.org:3128";
            }

            string? problem = TransportSettings.CheckProxyUrl(parsed);
            if (problem is null) proxy = parsed;
            return problem;
        }

        /// <summary>
        /// A plain text setting (user name, MFA device, Duo provider id, service, client id, role claim, file
        /// path): shown in terminals and messages and written to files, so no control character, which a
        /// terminal or file reader would act on, and no absurd length.
        /// </summary>
        public static string? TextProblem(string name, string value)
        {
            int at = ControlCharacters.IndexOf(value);
            if (at >= 0)
            {
                return $"{name} holds the control character {ControlCharacters.CodePoint(value[at])}, which no setting may hold";
            }

            return value.Length > 2048 ? $"{name} is longer than 2048 characters" : null;
        }
    }
}
