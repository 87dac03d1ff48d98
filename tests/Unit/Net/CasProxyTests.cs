using System.Net;
using System.Text;
using CasAws.Cas;
using CasAws.Errors;
using CasAws.Net;
using CasAws.Tests.Emulator;

namespace CasAws.Tests.Net;

/// <summary>
/// What a proxy on the path can read: a recording proxy on loopback keeps every byte that passes through
/// it. The password must never be among them in clear, and a plain-http loopback CAS is never proxied.
/// </summary>
public sealed class CasProxyTests
{
    private const string Password = "Mellon";

    [Fact]
    public async Task Through_a_proxy_the_password_travels_only_inside_the_tls_tunnel()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        using var proxy = new RecordingProxy();
        string bundle = WriteEmulatorCertificate(emulator);
        try
        {
            var server = new Uri(emulator.Running.Endpoints.CasBaseHttps);
            CasAnswer answer = await SendAsCasUserAsync(server, bundle, proxy.Address);

            Assert.Equal(CasAnswerKind.Credentials, answer.Kind);
            Assert.Equal($"CONNECT 127.0.0.1:{server.Port} HTTP/1.1", Assert.Single(proxy.RequestLines));
            Assert.DoesNotContain(Password, proxy.Captured);
            Assert.DoesNotContain("casuser", proxy.Captured);
        }
        finally
        {
            File.Delete(bundle);
        }
    }

    [Fact]
    public async Task A_plain_http_loopback_server_is_never_reached_through_the_proxy()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        using var proxy = new RecordingProxy();

        CasAnswer answer = await SendAsCasUserAsync(new Uri(emulator.Running.Endpoints.CasBaseHttp), null, proxy.Address);

        Assert.Equal(CasAnswerKind.Credentials, answer.Kind);
        Assert.Empty(proxy.RequestLines);
        Assert.DoesNotContain(Password, proxy.Captured);
    }

    [Fact]
    public async Task A_proxy_that_asks_for_a_login_gets_it_from_the_protected_credential()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        using var proxy = new RecordingProxy(requiredLogin: "proxyuser:proxy-pw");
        string bundle = WriteEmulatorCertificate(emulator);
        try
        {
            var settings = new CasConnectionSettings(new Uri(emulator.Running.Endpoints.CasBaseHttps))
            {
                CaBundlePath = bundle,
                Proxy = proxy.Address,
                ProxyCredential = new ProxyCredential("proxyuser", CasTlsTrustTests.Secure("proxy-pw")),
            };

            CasAnswer answer = await new CasStsClient(settings).SendAsync(new CasRequest("casuser", CasTlsTrustTests.Secure(Password), TimeSpan.FromHours(1)), CancellationToken.None);

            Assert.Equal(CasAnswerKind.Credentials, answer.Kind);
            Assert.Contains("proxyuser:proxy-pw", proxy.Logins);
            Assert.DoesNotContain(Password, proxy.Captured);

            settings.WipeSecrets();
            Assert.Null(settings.ProxyCredential!.GetCredential(proxy.Address, "Basic"));
        }
        finally
        {
            File.Delete(bundle);
        }
    }

    [Fact]
    public async Task An_unreachable_proxy_is_blamed_not_the_cas_server()
    {
        var settings = new CasConnectionSettings(new Uri("https://sso.example.org/cas")) { Proxy = new Uri("http://127.0.0.1:1/"), Timeout = TimeSpan.FromSeconds(30) };

        CasAnswer answer = await new CasStsClient(settings).SendAsync(new CasRequest("jdoe", CasTlsTrustTests.Secure("pw"), TimeSpan.FromHours(1)), CancellationToken.None);
        CasAwsException error = CasAnswerErrors.ToException(answer, settings, "jdoe", null, TimeSpan.FromHours(1));

        Assert.Equal(CasAnswerKind.ProxyFailure, answer.Kind);
        Assert.Equal(ErrorIds.ProxyFailure, error.ErrorId);
        Assert.Contains("proxy", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("127.0.0.1:1", error.Message);
        Assert.DoesNotContain("whether a proxy is needed", error.Message);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://proxy.example.org/")]
    [InlineData("http://user:secret@proxy.example.org:3128/")]
    public void A_proxy_url_that_cannot_be_used_is_explained(string text)
    {
        string? problem = TransportSettings.CheckProxyUrl(new Uri(text, UriKind.RelativeOrAbsolute));

        Assert.NotNull(problem);
        Assert.StartsWith("-Proxy", problem);
        Assert.DoesNotContain("secret", problem);
    }

    [Fact]
    public void A_system_proxy_password_in_a_failure_message_is_not_repeated()
    {
        Assert.Equal("The proxy tunnel request to proxy 'http://proxy:3128/' failed.",
            CasStsClient.WithoutUserInfo("The proxy tunnel request to proxy 'http://user:s3cret@proxy:3128/' failed."));
    }

    private static Task<CasAnswer> SendAsCasUserAsync(Uri server, string? bundle, Uri proxy)
    {
        var settings = new CasConnectionSettings(server) { CaBundlePath = bundle, Proxy = proxy, Timeout = TimeSpan.FromSeconds(30) };
        return new CasStsClient(settings).SendAsync(new CasRequest("casuser", CasTlsTrustTests.Secure(Password), TimeSpan.FromHours(1)), CancellationToken.None);
    }

    private static string WriteEmulatorCertificate(TestEmulator emulator)
    {
        string path = Path.Combine(Path.GetTempPath(), "casaws-tests-emulator-" + Guid.NewGuid().ToString("N") + ".pem");
        File.WriteAllText(path, emulator.Running.Certificate.ExportCertificatePem() + "\n", Encoding.ASCII);
        return path;
    }
}
