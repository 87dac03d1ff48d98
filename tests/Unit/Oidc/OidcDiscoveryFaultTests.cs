using CasAws.Cas;
using CasAws.Diagnostics;
using CasAws.Emulator.Config;
using CasAws.Emulator.Hosting;
using CasAws.Emulator.Oidc;
using CasAws.Errors;
using CasAws.Oidc;
using CasAws.Tests.Cas;
using CasAws.Tests.Emulator;
using CasAws.Tests.Net;

namespace CasAws.Tests.Oidc;

/// <summary>
/// The emulator's broken discovery documents (oidc.discoveryFault), each read by the module's one discovery
/// reader as its own fault, which a login reports as OidcUnexpectedAnswer and Test-CasAwsSetup names with a fix.
/// </summary>
public sealed class OidcDiscoveryFaultTests
{
    [Theory]
    [InlineData(DiscoveryFaults.NotFound, nameof(OidcDiscoveryFault.NotFound), "HTTP 404")]
    [InlineData(DiscoveryFaults.NotJson, nameof(OidcDiscoveryFault.NotJson), "an HTML page")]
    [InlineData(DiscoveryFaults.IssuerMismatch, nameof(OidcDiscoveryFault.IssuerMismatch), DiscoveryFaults.CasDefaultIssuer)]
    [InlineData(DiscoveryFaults.MissingEndpoints, nameof(OidcDiscoveryFault.MissingEndpoint), "authorization_endpoint")]
    [InlineData(DiscoveryFaults.ForeignEndpoints, nameof(OidcDiscoveryFault.ForeignEndpoint), "authorization_endpoint " + DiscoveryFaults.InternalAuthority + "/cas/oidc/oidcAuthorize")]
    public async Task Each_emulated_fault_is_read_as_its_own_fault_and_stops_a_login(string emulated, string expected, string found)
    {
        await using var emu = await TestEmulator.StartAsync(c => c.CasServers[0].Oidc!.DiscoveryFault = emulated);
        var issuer = new Uri(emu.Running.Endpoints.CasServers["cas"].OidcIssuerHttp!);
        var settings = new CasConnectionSettings(new Uri(emu.Running.Endpoints.CasBaseHttp));

        OidcDiscoveryAnswer answer = await OidcDiscovery.ReadAsync(settings, issuer, default);
        var login = await Assert.ThrowsAsync<CasAwsException>(() => OidcDiscovery.DiscoverAsync(settings, issuer, default));

        Assert.Null(answer.Endpoints);
        Assert.Equal(expected, answer.Fault.ToString());
        Assert.Equal(found, answer.Found);
        Assert.Equal(ErrorIds.OidcUnexpectedAnswer, login.ErrorId);
    }

    [Fact]
    public async Task The_honest_document_reads()
    {
        await using var emu = await TestEmulator.StartAsync();
        var issuer = new Uri(emu.Running.Endpoints.CasServers["cas"].OidcIssuerHttp!);

        OidcDiscoveryAnswer answer = await OidcDiscovery.ReadAsync(new CasConnectionSettings(new Uri(emu.Running.Endpoints.CasBaseHttp)), issuer, default);

        Assert.Equal(OidcDiscoveryFault.None, answer.Fault);
        Assert.Equal(issuer.AbsoluteUri + "/oidcAuthorize", answer.Endpoints!.Authorization.AbsoluteUri);
    }

    [Fact]
    public async Task A_stated_issuer_with_terminal_escapes_is_quoted_visibly_and_cut_short()
    {
        string stated = "https://evil.example/\u001b[2J\u001b]0;root\u0007" + new string('x', 500);
        using var server = new CannedHttpServer(200, "application/json", "{\"issuer\":\"" + stated.Replace("\u001b", "\\u001b").Replace("\u0007", "\\u0007") + "\"}");

        OidcDiscoveryAnswer answer = await OidcDiscovery.ReadAsync(new CasConnectionSettings(server.BaseUri), new Uri(server.BaseUri, "cas/oidc"), default);

        string found = answer.Found ?? "";
        Assert.Equal(OidcDiscoveryFault.IssuerMismatch, answer.Fault);
        Assert.DoesNotContain('\u001b', found);
        Assert.DoesNotContain('\u0007', found);
        Assert.StartsWith("https://evil.example/\\x1b[2J\\x1b]0;root\\x07xxx", found);
        Assert.True(found.Length < 260, found);
    }

    [Fact]
    public async Task A_status_other_than_404_is_its_own_fault()
    {
        using var server = new CannedHttpServer(503, "text/plain", "maintenance");

        OidcDiscoveryAnswer answer = await OidcDiscovery.ReadAsync(new CasConnectionSettings(server.BaseUri), new Uri(server.BaseUri, "cas/oidc"), default);

        Assert.Equal(OidcDiscoveryFault.HttpStatus, answer.Fault);
        Assert.Equal("HTTP 503", answer.Found);
    }

    [Theory]
    [InlineData(nameof(OidcDiscoveryFault.NotFound), "cas-server-support-oidc")]
    [InlineData(nameof(OidcDiscoveryFault.HttpStatus), "anonymous GETs")]
    [InlineData(nameof(OidcDiscoveryFault.NotJson), "reach CAS itself")]
    [InlineData(nameof(OidcDiscoveryFault.IssuerMismatch), "cas.authn.oidc.core.issuer=https://sso.example.org/cas/oidc")]
    [InlineData(nameof(OidcDiscoveryFault.MissingEndpoint), "CAS's own document")]
    [InlineData(nameof(OidcDiscoveryFault.ForeignEndpoint), "cas.server.prefix")]
    public void The_setup_check_names_every_fault_with_its_own_fix(string fault, string fix)
    {
        SetupCheck check = OidcDiscoveryCheck.Fault(Enum.Parse<OidcDiscoveryFault>(fault), "https://sso.example.org/cas/oidc" + OidcDiscovery.WellKnownPath, "https://sso.example.org/cas/oidc", "found");

        Assert.Equal(SetupCheckStatus.Fail, check.Status);
        Assert.Contains(fix, check.Fix);
    }

    [Fact]
    public async Task The_setup_check_passes_the_honest_document_and_fails_an_unreachable_issuer_with_a_network_fix()
    {
        await using var emu = await TestEmulator.StartAsync();
        var issuer = new Uri(emu.Running.Endpoints.CasServers["cas"].OidcIssuerHttp!);
        int closedPort;
        using (var gone = new CannedHttpServer(200, "application/json", "{}")) closedPort = gone.BaseUri.Port;

        SetupCheck honest = await OidcDiscoveryCheck.CheckAsync(new CasConnectionSettings(new Uri(emu.Running.Endpoints.CasBaseHttp)), issuer, default);
        SetupCheck unreachable = await OidcDiscoveryCheck.CheckAsync(
            new CasConnectionSettings(new Uri($"http://127.0.0.1:{closedPort}/cas")), new Uri($"http://127.0.0.1:{closedPort}/cas/oidc"), default);

        Assert.Equal(SetupCheckStatus.Pass, honest.Status);
        Assert.Null(honest.Fix);
        Assert.Equal(SetupCheckStatus.Fail, unreachable.Status);
        Assert.Contains("Could not reach CAS for the discovery request", unreachable.Found);
        Assert.Contains("the network and the proxy", unreachable.Fix);
    }

    [Fact]
    public async Task The_setup_check_names_an_untrusted_certificate_with_the_CA_bundle_fix()
    {
        using var ca = new TestCertificateChain();
        using var server = new LoopbackTlsServer(ca.Leaf(), ca.Intermediate);

        SetupCheck check = await OidcDiscoveryCheck.CheckAsync(new CasConnectionSettings(server.BaseUri), new Uri(server.BaseUri + "/oidc"), default);

        Assert.Equal(SetupCheckStatus.Fail, check.Status);
        Assert.Contains("not trusted", check.Found);
        Assert.Contains("-CaBundlePath", check.Fix);
    }

    [Fact]
    public async Task The_setup_check_ends_a_stalled_discovery_at_the_timeout_with_a_network_fix()
    {
        using var server = new MisbehavingHttpServer(endless: false);
        var settings = new CasConnectionSettings(server.BaseUri) { Timeout = TimeSpan.FromSeconds(1) };

        SetupCheck check = await OidcDiscoveryCheck.CheckAsync(settings, new Uri(server.BaseUri, "oidc"), default);

        Assert.Equal(SetupCheckStatus.Fail, check.Status);
        Assert.Contains("1 s", check.Found);
        Assert.Contains("the network and the proxy", check.Fix);
    }

    [Fact]
    public async Task The_emulator_banner_says_which_discovery_fault_a_server_plays()
    {
        await using var emu = await TestEmulator.StartAsync(c => c.CasServers[0].Oidc!.DiscoveryFault = DiscoveryFaults.IssuerMismatch);
        var banner = new StringWriter();

        StartupBanner.Write(banner, emu.Running.Endpoints, emu.Config, "emulator.json");

        string issuerLine = banner.ToString().Split('\n').Single(line => line.Contains(emu.Running.Endpoints.CasServers["cas"].OidcIssuerHttps!, StringComparison.Ordinal));
        Assert.EndsWith("; discovery fault issuerMismatch)", issuerLine.TrimEnd());
        Assert.DoesNotContain("discovery fault", banner.ToString().Replace(issuerLine, ""));
    }

    [Fact]
    public void The_emulator_refuses_an_unknown_discovery_fault_at_start()
    {
        EmulatorConfig config = TestEmulator.SampleConfig();
        config.CasServers[0].Oidc!.DiscoveryFault = "brokenish";

        var error = Assert.Throws<InvalidOperationException>(() => ConfigLoader.Validate(config));

        Assert.Contains("oidc.discoveryFault must be one of none, notFound", error.Message);
    }
}
