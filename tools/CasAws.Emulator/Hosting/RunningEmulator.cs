using System.Security.Cryptography.X509Certificates;
using CasAws.Emulator.Duo;
using CasAws.Emulator.Mfa;
using CasAws.Emulator.Oidc;
using CasAws.Emulator.Sts;
using Microsoft.AspNetCore.Builder;

namespace CasAws.Emulator.Hosting;

/// <summary>A started emulator: its URLs and, for in-process tests, its parts.</summary>
public sealed class RunningEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    internal RunningEmulator(WebApplication app, EmulatorEndpoints endpoints, X509Certificate2 certificate, DuoService duo,
        OneTimeCodeFactors codes, SecurityTokenService sts, EmulatorClock clock, RequestLog log, IReadOnlyDictionary<string, OidcProvider> oidc)
    {
        _app = app;
        Endpoints = endpoints;
        Certificate = certificate;
        Duo = duo;
        Codes = codes;
        Sts = sts;
        Clock = clock;
        Log = log;
        Oidc = oidc;
    }

    public EmulatorEndpoints Endpoints { get; }
    public X509Certificate2 Certificate { get; }
    public DuoService Duo { get; }
    public OneTimeCodeFactors Codes { get; }
    public SecurityTokenService Sts { get; }
    public EmulatorClock Clock { get; }
    public RequestLog Log { get; }

    /// <summary>The OpenID Connect providers, by CAS server name.</summary>
    public IReadOnlyDictionary<string, OidcProvider> Oidc { get; }

    public Task WaitForShutdownAsync(CancellationToken cancellation = default) => _app.WaitForShutdownAsync(cancellation);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
        foreach (var provider in Oidc.Values) provider.Dispose();
    }
}
