using CasAws.Emulator.Config;

namespace CasAws.Emulator.Hosting;

/// <summary>
/// What the emulator prints once it listens: for each CAS server the value to pass to Connect-CasAws
/// -Server (the CAS base URL: CasAws adds the awsSts endpoint path itself) and its OpenID Connect
/// issuer, the users and what each is for, and the other endpoints. Never a password or a key.
/// </summary>
public static class StartupBanner
{
    /// <summary>Connect-CasAws -OpenIdConnect's default -ClientId.</summary>
    private const string DefaultClientId = "casaws";

    public static void Write(TextWriter output, EmulatorEndpoints urls, EmulatorConfig config, string configPath)
    {
        var trust = urls.CertificatePem is null ? "" : $" -CaBundlePath '{urls.CertificatePem}'";
        output.WriteLine("CasAws emulator (CAS awsSts + Duo + STS) on 127.0.0.1");
        output.WriteLine();
        foreach (var server in config.CasServers)
        {
            var endpoints = urls.CasServers[server.Name!];
            var endpointPath = server.EndpointPath == new CasServerConfig().EndpointPath ? "" : $" -EndpointPath {server.EndpointPath}";
            output.WriteLine($"CAS '{server.Name}' ({Describe(server)}):");
            output.WriteLine($"  Connect-CasAws -Server {endpoints.CasBaseHttps}{endpointPath}{trust}");
            if (endpoints.OidcIssuerHttps is not null)
            {
                var clientIds = server.Oidc!.Clients.Select(client => client.ClientId).ToList();
                var clientId = clientIds.Contains(DefaultClientId) || clientIds.Count == 0 ? "" : $" -ClientId {clientIds[0]}";
                output.WriteLine($"  Connect-CasAws -Server {endpoints.CasBaseHttps}{trust} -OpenIdConnect{clientId}");
                var fault = server.Oidc.DiscoveryFault == Oidc.DiscoveryFaults.None ? "" : $"; discovery fault {server.Oidc.DiscoveryFault}";
                output.WriteLine($"  OpenID Connect issuer: {endpoints.OidcIssuerHttps}   (client ids: {string.Join(", ", clientIds)}{fault})");
            }
            output.WriteLine($"  awsSts endpoint: {endpoints.CasBaseHttps}/{endpoints.EndpointPath}   (http: {endpoints.CasBaseHttp}/{endpoints.EndpointPath})");
        }
        output.WriteLine();
        output.WriteLine($"Users (their passwords are in {configPath}):");
        var width = config.Users.Count == 0 ? 0 : config.Users.Max(user => user.Username.Length);
        foreach (var user in config.Users)
            output.WriteLine($"  {user.Username.PadRight(width)}  {user.Description}".TrimEnd());
        output.WriteLine();
        output.WriteLine($"STS:              {urls.StsUrlHttps}   (http: {urls.StsUrlHttp})");
        output.WriteLine($"Federation:       {urls.FederationUrl}   (console logout: {urls.ConsoleLogoutUrl})");
        output.WriteLine($"IAM:              {urls.IamUrl}");
        output.WriteLine($"Control API:      {urls.ControlUrl}  (send the header {ControlToken.Header}: {urls.ControlToken})");
        if (urls.CertificatePem is not null) output.WriteLine($"Certificate PEM:  {urls.CertificatePem}");
        output.WriteLine("Press Ctrl+C to stop.");
        output.Flush();
    }

    private static string Describe(CasServerConfig server) =>
        $"CAS {server.Version}, " + (server.RbacEnabled ? "role mode" : "session-token mode") +
        (server.EndpointAccess == new CasServerConfig().EndpointAccess ? "" : $", endpoint {server.EndpointAccess}");
}
