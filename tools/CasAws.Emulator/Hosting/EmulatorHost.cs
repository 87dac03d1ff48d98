using System.Net;
using CasAws.Emulator.Cas;
using CasAws.Emulator.Config;
using CasAws.Emulator.Control;
using CasAws.Emulator.Duo;
using CasAws.Emulator.Federation;
using CasAws.Emulator.Iam;
using CasAws.Emulator.Oidc;
using CasAws.Emulator.Mfa;
using CasAws.Emulator.Sts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CasAws.Emulator.Hosting;

public sealed class EmulatorHostOptions
{
    /// <summary>0 picks a free port.</summary>
    public int HttpsPort { get; init; }

    /// <summary>0 picks a free port.</summary>
    public int HttpPort { get; init; }

    /// <summary>Where to write the certificate's PEM; null writes none.</summary>
    public string? CertificateOut { get; init; }

    /// <summary>The control API's token (<see cref="Hosting.ControlToken"/>); null makes a random one.</summary>
    public string? ControlToken { get; init; }

    /// <summary>Where request log lines go; null logs nothing (the control endpoint still records them).</summary>
    public TextWriter? Log { get; init; }
}

/// <summary>Builds and starts the emulator's Kestrel server on 127.0.0.1 (in-process for tests, or from Program).</summary>
public static class EmulatorHost
{
    public static async Task<RunningEmulator> StartAsync(EmulatorConfig config, EmulatorHostOptions options, CancellationToken cancellation = default)
    {
        ConfigLoader.Validate(config);
        // Key generation and host construction are independent: overlap them to start sooner.
        var certificateTask = Task.Run(SelfSignedCertificate.Create, cancellation);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = Array.Empty<string>(),
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        var certificate = await certificateTask;
        if (options.CertificateOut is not null)
            SelfSignedCertificate.WritePem(certificate, options.CertificateOut);
        var controlToken = options.ControlToken ?? Hosting.ControlToken.Create();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.HttpsPort, listen => listen.UseHttps(certificate));
            kestrel.Listen(IPAddress.Loopback, options.HttpPort);
        });
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(3));
        var app = builder.Build();

        var clock = new EmulatorClock();
        var log = new RequestLog(options.Log);
        var duo = new DuoService(config.Duo);
        var sts = new SecurityTokenService(config.Sts, clock);
        var codes = new OneTimeCodeFactors(clock);
        var oidc = config.CasServers.Where(server => server.Oidc is not null)
            .ToDictionary(server => server.Name!, server => new OidcProvider(server, server.Oidc!, config.Users, duo, codes, clock));
        if (oidc.Count > 0) sts.WebIdentities = new WebIdentityVerifier(config.Sts, oidc, clock);
        var consoleSessions = new ConsoleSessions(clock);
        var router = new Router(controlToken,
            config.CasServers.Select(server => new AwsStsEndpoint(server, config.Users, duo, codes, sts)).ToList(),
            config.CasServers.Select(server => new RestProtocolEndpoint(server, config.Users, duo, codes)).ToList(),
            config.CasServers.Select(server => server.BasePath).ToList(),
            oidc.Values.ToList(), new StsEndpoint(sts), new FederationEndpoint(sts, clock, consoleSessions), new ConsoleLogoutEndpoint(consoleSessions),
            new IamEndpoint(sts, config.Sts), new ControlEndpoint(duo, codes, sts, config, log, clock, oidc), log, clock);
        app.Run(router.HandleAsync);
        await app.StartAsync(cancellation);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var https = addresses.First(a => a.StartsWith("https://", StringComparison.Ordinal)).TrimEnd('/');
        var http = addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)).TrimEnd('/');
        var casServers = config.CasServers.ToDictionary(s => s.Name!, s => new CasServerEndpoints(https + s.BasePath, http + s.BasePath, s.EndpointPath,
            oidc.TryGetValue(s.Name!, out var provider) ? https + provider.BasePath : null,
            oidc.TryGetValue(s.Name!, out provider) ? http + provider.BasePath : null));
        var first = casServers[config.CasServers[0].Name!];
        var endpoints = new EmulatorEndpoints(https, http, first.CasBaseHttps, first.CasBaseHttp, casServers,
            https + "/sts", http + "/sts", http + ControlEndpoint.BasePath, https + FederationEndpoint.Path, http + FederationEndpoint.Path,
            https + ConsoleLogoutEndpoint.Path + "?Action=logout", https + IamEndpoint.Path,
            options.CertificateOut is null ? null : Path.GetFullPath(options.CertificateOut), Environment.ProcessId, controlToken);
        if (options.Log is not null) duo.PushAwaitingControl += new PushAnnouncer(options.Log, endpoints.ControlUrl, controlToken).Announce;
        return new RunningEmulator(app, endpoints, certificate, duo, codes, sts, clock, log, oidc);
    }
}
