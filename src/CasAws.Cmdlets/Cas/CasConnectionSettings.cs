using System;
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

        public CasConnectionSettings(Uri server, string? endpointPath = null)
        {
            if (server == null) throw new ArgumentNullException(nameof(server));
            if (!server.IsAbsoluteUri) throw new ArgumentException("The CAS server must be an absolute URL such as https://sso.example.org/cas.", nameof(server));
            Server = server;
            EndpointPath = string.IsNullOrWhiteSpace(endpointPath) ? DefaultEndpointPath : endpointPath!.Trim();
        }

        /// <summary>The CAS base URL, e.g. https://sso.example.org/cas.</summary>
        public Uri Server { get; }

        /// <summary>The endpoint below the base URL; an absolute path ('/x') replaces the base URL's path.</summary>
        public string EndpointPath { get; }

        public TimeSpan Timeout { get; set; } = DefaultTimeout;

        public Uri EndpointUri
        {
            get
            {
                string basePath = Server.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? Server.AbsoluteUri : Server.AbsoluteUri + "/";
                return new Uri(new Uri(basePath), EndpointPath);
            }
        }

        /// <summary>The server as users name it in messages and as an ErrorRecord target.</summary>
        public string ServerName => Server.AbsoluteUri.TrimEnd('/');

    }
}
