using System;
using CasAws.Validation;

namespace CasAws.Net
{
    /// <summary>What <see cref="UrlPolicy.Check"/> found about a URL that a password, token or keys will be sent to.</summary>
    internal enum UrlVerdict
    {
        /// <summary>An https URL without user information.</summary>
        Secure,

        /// <summary>Plain http to this computer: accepted, with a warning where the caller can show one.</summary>
        PlainHttpToLoopback,

        /// <summary>Not an absolute http(s) URL.</summary>
        NotHttpUrl,

        /// <summary>Plain http to another computer: the secret would travel unencrypted.</summary>
        PlainHttpToOtherHost,

        /// <summary>user:password@ in the URL: it would be saved, put on command lines and shown.</summary>
        HasUserInfo,
    }

    /// <summary>
    /// The one rule for where CasAws sends a secret: https, or plain http only to this computer (loopback),
    /// and never a URL with user information. Every CAS server, OpenID Connect issuer, STS endpoint and
    /// console URL is checked here, whether it comes from a parameter, a saved connection, an environment
    /// variable or a helper argument.
    /// </summary>
    internal static class UrlPolicy
    {
        public static UrlVerdict Check(Uri? url)
        {
            if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                return UrlVerdict.NotHttpUrl;
            }

            if (!string.IsNullOrEmpty(url.UserInfo))
            {
                return UrlVerdict.HasUserInfo;
            }

            if (url.Scheme == Uri.UriSchemeHttps)
            {
                return UrlVerdict.Secure;
            }

            return url.IsLoopback ? UrlVerdict.PlainHttpToLoopback : UrlVerdict.PlainHttpToOtherHost;
        }

        /// <summary>Parses <paramref name="text"/> and checks it; null when it is not an absolute URL.</summary>
        public static UrlVerdict Check(string? text, out Uri? url)
        {
            url = null;
            if (text is null || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out Uri? parsed))
            {
                return UrlVerdict.NotHttpUrl;
            }

            url = parsed;
            return Check(parsed);
        }

        public static bool IsAccepted(UrlVerdict verdict) => verdict == UrlVerdict.Secure || verdict == UrlVerdict.PlainHttpToLoopback;

        /// <summary>
        /// The URL as messages may show it: never its user information (which may hold a password), so a
        /// refused URL is not echoed back whole, and with control characters made visible, since the text
        /// may come from a saved connection or a profile rather than from the user's keyboard.
        /// </summary>
        public static string Display(string text)
        {
            if (Uri.TryCreate(text.Trim(), UriKind.Absolute, out Uri? url) && !string.IsNullOrEmpty(url.UserInfo))
            {
                return TerminalText.Visible(url.Scheme + "://" + url.Authority + url.PathAndQuery);
            }

            int at = text.IndexOf('@');
            int scheme = text.IndexOf("://", StringComparison.Ordinal);
            return TerminalText.Visible(at > scheme && scheme >= 0 ? text.Substring(0, scheme + 3) + text.Substring(at + 1) : text);
        }

        /// <summary>
        /// Why <paramref name="verdict"/> refuses <paramref name="what"/> (e.g. "The CAS server"), or null when it is accepted.
        /// The message never repeats user information.
        /// </summary>
        public static string? Problem(UrlVerdict verdict, string what, string shown, string example)
        {
            switch (verdict)
            {
                case UrlVerdict.NotHttpUrl:
                    return $"{what} '{shown}' is not an https URL. Pass the full URL, e.g. {example}.";
                case UrlVerdict.HasUserInfo:
                    return $"{what} URL must not hold a user name or password: it would be saved, put on command lines and shown. Pass {Display(shown)} and give the user name when asked (or with -Credential).";
                case UrlVerdict.PlainHttpToOtherHost:
                    return $"{what} '{shown}' uses plain http, which would send your password, tokens or keys unencrypted. Use its https URL (plain http is accepted only for a server on this computer).";
                default:
                    return null;
            }
        }

        /// <summary>
        /// The awsSts endpoint for <paramref name="server"/>: <paramref name="endpointPath"/> is a path under the
        /// server. An absolute URL, a '//host' form or a path that leaves the server's origin is refused, so the
        /// password is never posted to another host than the one the user named.
        /// </summary>
        public static bool TryResolveEndpoint(Uri server, string endpointPath, out Uri? endpoint, out string? problem)
        {
            endpoint = null;
            problem = null;
            string path = endpointPath.Trim();
            if (path.Length == 0 || path.StartsWith("//", StringComparison.Ordinal) || HasScheme(path)
                || path.IndexOf('\\') >= 0 || path.IndexOf('@') >= 0 || ControlCharacters.IndexOf(path) >= 0)
            {
                problem = $"-EndpointPath '{Display(path)}' is not a path under the CAS server. Pass the path of the awsSts endpoint below -Server, e.g. actuator/awsSts; a full URL or another host is never accepted.";
                return false;
            }

            string basePath = server.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? server.AbsoluteUri : server.AbsoluteUri + "/";
            var resolved = new Uri(new Uri(basePath), path);
            if (!string.Equals(resolved.Scheme, server.Scheme, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(resolved.Authority, server.Authority, StringComparison.OrdinalIgnoreCase))
            {
                problem = $"-EndpointPath '{Display(path)}' leads away from the CAS server {server.Authority}. Pass a path below -Server, e.g. actuator/awsSts.";
                return false;
            }

            endpoint = resolved;
            return true;
        }

        /// <summary>'http:', 'https:x', 'c:' ...: text before the first '/' that ends in ':' names a scheme, never a path.</summary>
        private static bool HasScheme(string path)
        {
            int colon = path.IndexOf(':');
            int slash = path.IndexOf('/');
            return colon >= 0 && (slash < 0 || colon < slash);
        }
    }
}
