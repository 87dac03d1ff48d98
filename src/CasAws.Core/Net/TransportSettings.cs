using System;
using System.Net;
using CasAws.Errors;
#if NET
using System.Net.Http;
#endif

namespace CasAws.Net
{
    /// <summary>
    /// How to reach a server over HTTP(S): certificate trust and proxy. Shared by the CAS calls, STS and
    /// the console federation endpoint, so every call CasAws makes trusts and routes the same way.
    /// </summary>
    internal class TransportSettings
    {
        public bool SkipCertificateCheck { get; set; }

        /// <summary>A PEM file of CA certificates that anchor trust in addition to the system's (full path).</summary>
        public string? CaBundlePath { get; set; }

        /// <summary>An explicit proxy; null means the system proxy.</summary>
        public Uri? Proxy { get; set; }

        public ProxyCredential? ProxyCredential { get; set; }

        /// <summary>
        /// Plain http is never sent through a proxy: the proxy would read the password (or the keys) in
        /// clear. CasAws accepts plain http only for a server on this computer, which needs no proxy.
        /// </summary>
        public static bool GoesDirect(Uri target) => target.Scheme == Uri.UriSchemeHttp;

        /// <summary>The proxy a request to <paramref name="target"/> goes through, or null when it goes direct.</summary>
        public Uri? ProxyFor(Uri target)
        {
            if (GoesDirect(target)) return null;
            if (Proxy != null) return Proxy;
#if NET
            IWebProxy system = HttpClient.DefaultProxy;
#else
            IWebProxy? system = WebRequest.DefaultWebProxy;
#endif
            try
            {
                if (system == null || system.IsBypassed(target)) return null;
                Uri? proxy = system.GetProxy(target);
                return proxy == null || proxy == target ? null : proxy;
            }
            catch (Exception exception) when (exception is InvalidOperationException || exception is ArgumentException || exception is UriFormatException)
            {
                return null;
            }
        }

        /// <summary>The proxy (or null), when it can be used as -Proxy.</summary>
        /// <exception cref="CasAwsException">ProxyUrlInvalid, with <see cref="CheckProxyUrl"/>'s message.</exception>
        public static Uri? RequireProxyUrl(Uri? proxy)
        {
            string? problem = proxy == null ? null : CheckProxyUrl(proxy);
            return problem == null ? proxy : throw new CasAwsException(ErrorIds.ProxyUrlInvalid, CasAwsErrorKind.InvalidArgument, proxy!.OriginalString, problem);
        }

        /// <summary>Why <paramref name="proxy"/> cannot be used as -Proxy, or null when it can.</summary>
        public static string? CheckProxyUrl(Uri proxy)
        {
            if (!proxy.IsAbsoluteUri)
            {
                return "-Proxy '" + proxy.OriginalString + "' is not a URL. Pass the proxy's URL, e.g. http://proxy.example.org:3128.";
            }

            switch (proxy.Scheme)
            {
                case "http":
                case "https":
                case "socks4":
                case "socks4a":
                case "socks5":
                    break;
                default:
                    return "-Proxy must be an http://, https:// or socks5:// URL, e.g. http://proxy.example.org:3128, not '" + proxy.Scheme + ":'.";
            }

            if (!string.IsNullOrEmpty(proxy.UserInfo))
            {
                return "-Proxy must not hold a user name or password (it would be kept and shown as plain text). Pass them with -ProxyCredential.";
            }

            return null;
        }

        /// <summary>The proxy as messages name it: scheme, host and port, never a user name or password.</summary>
        public static string Describe(Uri proxy) => proxy.IsAbsoluteUri ? proxy.Scheme + "://" + proxy.Host + ":" + proxy.Port : "(not a URL)";

        /// <summary>The variable the AWS CLI and SDKs read for a CA bundle; CasAws honours it for STS and the federation endpoint.</summary>
        public const string AwsCaBundleVariable = "AWS_CA_BUNDLE";

        /// <summary>
        /// The settings for calls to AWS (STS, the federation endpoint): what the command was given, else
        /// AWS_CA_BUNDLE, else the CAS session's bundle and proxy. Certificate checks are never skipped
        /// because the session skipped them: a test CAS server does not make AWS a test server.
        /// </summary>
        public static TransportSettings ForAws(TransportSettings given, string? awsCaBundle, TransportSettings? session)
        {
            var settings = new TransportSettings { SkipCertificateCheck = given.SkipCertificateCheck };
            if (!given.SkipCertificateCheck)
            {
                settings.CaBundlePath = given.CaBundlePath ?? awsCaBundle ?? session?.CaBundlePath;
            }

            if (given.Proxy != null || given.ProxyCredential != null)
            {
                settings.Proxy = given.Proxy;
                settings.ProxyCredential = given.ProxyCredential;
            }
            else if (session != null)
            {
                settings.Proxy = session.Proxy;
                settings.ProxyCredential = session.ProxyCredential;
            }

            return settings;
        }

        /// <summary>
        /// The one transport policy for every call to AWS (the STS cmdlets, an OpenID Connect session's
        /// AssumeRoleWithWebIdentity, the helper's silent renewal, the federation endpoint): <see cref="ForAws(TransportSettings, string?, TransportSettings?)"/>
        /// with AWS_CA_BUNDLE read from <paramref name="environment"/> and checked like -CaBundlePath. Requests go
        /// through <see cref="HttpClientPool"/>, so they never follow a redirect and plain http never uses a proxy.
        /// </summary>
        /// <param name="fullPath">Turns a relative AWS_CA_BUNDLE into a full path: the process's directory by default, PowerShell's location in a cmdlet.</param>
        /// <exception cref="Errors.CasAwsException">CaBundleUnreadable: AWS_CA_BUNDLE names no readable PEM bundle.</exception>
        public static TransportSettings ForAws(TransportSettings given, TransportSettings? session, Func<string, string?> environment, Func<string, string>? fullPath = null)
        {
            string? variable = environment(AwsCaBundleVariable)?.Trim();
            string? awsCaBundle = given.CaBundlePath == null && !given.SkipCertificateCheck && !string.IsNullOrEmpty(variable)
                ? CertificateBundle.Checked((fullPath ?? System.IO.Path.GetFullPath)(variable!), variable!, AwsCaBundleVariable)
                : null;
            return ForAws(given, awsCaBundle, session);
        }

        /// <summary>Forgets the proxy password.</summary>
        public void WipeSecrets() => ProxyCredential?.Wipe();
    }
}
