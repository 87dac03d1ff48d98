using System;
using CasAws.Errors;
using CasAws.Net;

namespace CasAws.Cas
{
    /// <summary>
    /// Where and how to reach a CAS server's awsSts endpoint. Holds no CAS secret; a proxy password only as
    /// a SecureString (<see cref="TransportSettings.ProxyCredential"/>).
    /// </summary>
    internal sealed class CasConnectionSettings : TransportSettings
    {
        public const string DefaultEndpointPath = "actuator/awsSts";

        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

        /// <summary>
        /// The settings for <paramref name="server"/>, checked by <see cref="UrlPolicy"/> whatever their source
        /// (a parameter, a saved connection or a helper argument).
        /// </summary>
        /// <exception cref="CasAwsException">ServerUrlInvalid, ServerUrlHasUserInfo, InsecureServerUrl or EndpointPathInvalid.</exception>
        public CasConnectionSettings(Uri server, string? endpointPath = null)
        {
            if (server == null) throw new ArgumentNullException(nameof(server));
            UrlVerdict verdict = UrlPolicy.Check(server);
            if (!UrlPolicy.IsAccepted(verdict))
            {
                throw ServerRefused(verdict, server.OriginalString);
            }

            Server = server;
            EndpointPath = string.IsNullOrWhiteSpace(endpointPath) ? DefaultEndpointPath : endpointPath!.Trim();
            if (!UrlPolicy.TryResolveEndpoint(server, EndpointPath, out Uri? endpoint, out string? problem))
            {
                throw new CasAwsException(ErrorIds.EndpointPathInvalid, CasAwsErrorKind.InvalidArgument, UrlPolicy.Display(EndpointPath), problem!);
            }

            EndpointUri = endpoint!;
        }

        /// <summary>The error for a CAS URL that <see cref="UrlPolicy"/> refuses; it never repeats a user name or password.</summary>
        public static CasAwsException ServerRefused(UrlVerdict verdict, string server)
        {
            string shown = UrlPolicy.Display(server);
            string problem = UrlPolicy.Problem(verdict, "The CAS server", shown, "https://sso.example.org/cas")!;
            switch (verdict)
            {
                case UrlVerdict.HasUserInfo:
                    return new CasAwsException(ErrorIds.ServerUrlHasUserInfo, CasAwsErrorKind.SecurityError, shown, problem);
                case UrlVerdict.PlainHttpToOtherHost:
                    return new CasAwsException(ErrorIds.InsecureServerUrl, CasAwsErrorKind.SecurityError, shown, problem);
                default:
                    return new CasAwsException(ErrorIds.ServerUrlInvalid, CasAwsErrorKind.InvalidArgument, shown, problem);
            }
        }

        /// <summary>The CAS base URL, e.g. https://sso.example.org/cas.</summary>
        public Uri Server { get; }

        /// <summary>The awsSts endpoint's path below the base URL (<see cref="UrlPolicy.TryResolveEndpoint"/>).</summary>
        public string EndpointPath { get; }

        public TimeSpan Timeout { get; set; } = DefaultTimeout;

        /// <summary>Where the form is posted: always on the server's own scheme, host and port.</summary>
        public Uri EndpointUri { get; }

        /// <summary>The server as users name it in messages and as an ErrorRecord target.</summary>
        public string ServerName => Server.AbsoluteUri.TrimEnd('/');

    }
}
