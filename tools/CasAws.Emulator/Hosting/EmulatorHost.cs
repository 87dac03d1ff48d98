using System.Net;
using System.Security.Cryptography.X509Certificates;
using CasAws.Emulator.Cas;
using CasAws.Emulator.Config;
using CasAws.Emulator.Control;
using CasAws.Emulator.Duo;
using CasAws.Emulator.Federation;
using CasAws.Emulator.Sts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
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
            await File.WriteAllTextAsync(options.CertificateOut, SelfSignedCertificate.ToPem(certificate), cancellation);
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
        var router = new Router(
            config.CasServers.Select(server => new AwsStsEndpoint(server, config.Users, duo, sts)).ToList(),
            config.CasServers.Select(server => server.BasePath).ToList(),
            new StsEndpoint(sts), new FederationEndpoint(sts, clock), new ControlEndpoint(duo, log, clock), log);
        app.Run(router.HandleAsync);
        await app.StartAsync(cancellation);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var https = addresses.First(a => a.StartsWith("https://", StringComparison.Ordinal)).TrimEnd('/');
        var http = addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)).TrimEnd('/');
        var casServers = config.CasServers.ToDictionary(s => s.Name!, s => new CasServerEndpoints(https + s.BasePath, http + s.BasePath, s.EndpointPath));
        var first = casServers[config.CasServers[0].Name!];
        var endpoints = new EmulatorEndpoints(https, http, first.CasBaseHttps, first.CasBaseHttp, casServers,
            https + "/sts", http + "/sts", http + ControlEndpoint.BasePath, https + FederationEndpoint.Path, http + FederationEndpoint.Path,
            options.CertificateOut is null ? null : Path.GetFullPath(options.CertificateOut), Environment.ProcessId);
        return new RunningEmulator(app, endpoints, certificate, duo, sts, clock, log);
    }

    /// <summary>One terminal handler: the paths come from the configuration, so no route table.</summary>
    private sealed class Router
    {
        private readonly IReadOnlyList<AwsStsEndpoint> _cas;
        private readonly IReadOnlyList<string> _casBasePaths;
        private readonly StsEndpoint _sts;
        private readonly FederationEndpoint _federation;
        private readonly ControlEndpoint _control;
        private readonly RequestLog _log;

        public Router(IReadOnlyList<AwsStsEndpoint> cas, IReadOnlyList<string> casBasePaths, StsEndpoint sts, FederationEndpoint federation, ControlEndpoint control, RequestLog log)
        {
            _cas = cas;
            _casBasePaths = casBasePaths;
            _sts = sts;
            _federation = federation;
            _control = control;
            _log = log;
        }

        public async Task HandleAsync(HttpContext context)
        {
            var path = context.Request.Path.Value ?? "/";
            var isControl = path.StartsWith(ControlEndpoint.BasePath + "/", StringComparison.Ordinal) || path == ControlEndpoint.BasePath;
            var entry = new RequestLogEntry { Time = DateTimeOffset.UtcNow, Method = context.Request.Method, Path = path };
            context.AttachLogEntry(entry);
            try
            {
                await DispatchAsync(context, path, isControl);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                entry.Outcome ??= "client went away";
            }
            catch (Exception e) when (e is not BadHttpRequestException)
            {
                entry.Outcome = "500 " + e.GetType().Name; // the message might quote a request value
                if (!context.Response.HasStarted)
                {
                    context.Response.StatusCode = 500;
                    await context.Response.WriteAsync("Internal Server Error");
                }
            }
            finally
            {
                entry.Status = context.Response.StatusCode;
                _log.Add(entry, keep: !isControl);
            }
        }

        private Task DispatchAsync(HttpContext context, string path, bool isControl)
        {
            if (isControl) return _control.HandleAsync(context);
            foreach (var cas in _cas)
            {
                if (path == cas.Path) return cas.HandleAsync(context);
                if (path == cas.LoginPath) return AwsStsEndpoint.WriteLoginPageAsync(context);
            }
            if (path is "/sts" or "/sts/") return _sts.HandleAsync(context);
            if (path == "/" && (HttpMethods.IsPost(context.Request.Method) || context.Request.Query.ContainsKey("Action"))) return _sts.HandleAsync(context);
            if (path == FederationEndpoint.Path) return _federation.HandleAsync(context);
            if (_casBasePaths.Any(b => path.StartsWith(b + "/", StringComparison.Ordinal) || path == b))
                return Cas.SpringErrorBody.WriteAsync(context, 404, "Not Found");
            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        }
    }
}

/// <summary>A started emulator: its URLs and, for in-process tests, its parts.</summary>
public sealed class RunningEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    internal RunningEmulator(WebApplication app, EmulatorEndpoints endpoints, X509Certificate2 certificate, DuoService duo,
        SecurityTokenService sts, EmulatorClock clock, RequestLog log)
    {
        _app = app;
        Endpoints = endpoints;
        Certificate = certificate;
        Duo = duo;
        Sts = sts;
        Clock = clock;
        Log = log;
    }

    public EmulatorEndpoints Endpoints { get; }
    public X509Certificate2 Certificate { get; }
    public DuoService Duo { get; }
    public SecurityTokenService Sts { get; }
    public EmulatorClock Clock { get; }
    public RequestLog Log { get; }

    public Task WaitForShutdownAsync(CancellationToken cancellation = default) => _app.WaitForShutdownAsync(cancellation);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
    }
}
