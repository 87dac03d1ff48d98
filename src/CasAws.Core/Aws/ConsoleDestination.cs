using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace CasAws.Aws
{
    /// <summary>
    /// Where the console lands: a service's page in a region (-Service), a given page moved to a region
    /// (-Destination with -Region), and never a multi-session host, which the console assigns itself
    /// (a Destination on one is moved back to the plain regional host).
    /// </summary>
    internal static class ConsoleDestination
    {
        /// <summary>A multi-session console host's first label: the account id, a dash, the session's id.</summary>
        private static readonly Regex MultiSessionLabel = new Regex("^[0-9]{12}-[a-z0-9]+$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>The console page of a known service (<see cref="ConsoleServices"/>) in the region.</summary>
        /// <exception cref="ArgumentException">The service is not in the map; the message lists the names.</exception>
        public static Uri ForService(string service, string region, string partition)
        {
            string? path = ConsoleServices.PathOf(service);
            if (path == null)
            {
                throw new ArgumentException(ConsoleServices.UnknownMessage(service));
            }

            return new Uri("https://" + ConsoleHost(region, partition) + "/" + path + "/home?region=" + region);
        }

        /// <summary>
        /// The destination with its region set: on a console host the host becomes the region's, and the
        /// query's region= is replaced or added; a fragment (the console's in-page route) is kept.
        /// </summary>
        public static Uri WithRegion(Uri destination, string region, string partition)
        {
            var builder = new UriBuilder(destination);
            if (ConsoleDomainOf(destination.Host) != null)
            {
                builder.Host = ConsoleHost(region, partition);
            }

            IEnumerable<string> kept = builder.Query.TrimStart('?').Split('&')
                .Where(pair => pair.Length > 0 && !pair.StartsWith("region=", StringComparison.Ordinal));
            builder.Query = string.Join("&", kept.Concat(new[] { "region=" + region }));
            return builder.Uri;
        }

        /// <summary>The destination on the plain regional host when it names a multi-session host; else null.</summary>
        public static Uri? WithoutMultiSessionHost(Uri destination)
        {
            string host = destination.Host;
            int dot = host.IndexOf('.');
            if (dot < 0 || !MultiSessionLabel.IsMatch(host.Substring(0, dot)) || ConsoleDomainOf(host) == null)
            {
                return null;
            }

            return new UriBuilder(destination) { Host = host.Substring(dot + 1) }.Uri;
        }

        /// <summary>The console host of a region: the bare console domain for the partition's first region (as granted does), else region.domain.</summary>
        public static string ConsoleHost(string region, string partition)
        {
            string domain = ConsoleDomainFor(partition);
            bool bare = region == "us-east-1" || region == "cn-north-1" || region == "us-gov-west-1";
            return bare ? domain : region + "." + domain;
        }

        private static string ConsoleDomainFor(string partition) => FederationEndpoints.ConsoleHomeFor(partition).Host;

        private static string? ConsoleDomainOf(string host)
        {
            foreach (string partition in new[] { "aws", "aws-cn", "aws-us-gov" })
            {
                string domain = ConsoleDomainFor(partition);
                if (string.Equals(host, domain, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase))
                {
                    return domain;
                }
            }

            return null;
        }
    }
}
