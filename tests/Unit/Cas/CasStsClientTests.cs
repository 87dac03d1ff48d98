using System.Net;
using System.Net.Sockets;
using System.Security;
using CasAws.Cas;

namespace CasAws.Tests.Cas;

public class CasStsClientTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCY=EXAMPLEKEY==";

    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (char c in text) secure.AppendChar(c);
        return secure;
    }

    private static CasStsClient ClientFor(Uri server, TimeSpan? timeout = null) =>
        new(new CasConnectionSettings(server) { Timeout = timeout ?? TimeSpan.FromSeconds(30) }, new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }));

    private static CasRequest Request() => new("jdoe", Secure("pa=ss+/"), TimeSpan.FromHours(1)) { RoleArn = "arn:aws:iam::111111111111:role/Dev" };

    [Fact]
    public async Task Posts_the_form_to_the_endpoint_and_reads_credentials()
    {
        using var server = new CannedHttpServer(200, "text/plain", $"[default]\r\naws_access_key_id=ASIAEXAMPLE000001\r\naws_secret_access_key={Secret}\r\naws_session_token=FwoGZXIvYXdzE+/////wEaDA==\r\nregion=eu-west-1\r\n");
        DateTime before = DateTime.UtcNow;
        CasAnswer answer = await ClientFor(server.BaseUri).SendAsync(Request(), CancellationToken.None);

        Assert.Equal(CasAnswerKind.Credentials, answer.Kind);
        Assert.Equal(Secret, answer.Credentials!.SecretAccessKey);
        Assert.InRange(answer.SentAtUtc, before, DateTime.UtcNow);
        string form = Assert.Single(server.RequestBodies);
        Assert.Equal("username=jdoe&password=pa%3Dss%2B%2F&duration=3600&roleArn=arn%3Aaws%3Aiam%3A%3A111111111111%3Arole%2FDev", form);
    }

    [Fact]
    public async Task An_oversized_body_is_capped_not_read_whole()
    {
        const long hundredMegabytes = 100L * 1024 * 1024;
        using var server = new CannedHttpServer(200, "text/plain", "[default]\naws_access_key_id=A\n", extraBodyBytes: hundredMegabytes);
        CasAnswer answer = await ClientFor(server.BaseUri).SendAsync(Request(), CancellationToken.None);

        Assert.Equal(CasAnswerKind.MalformedResponse, answer.Kind);
        await Task.Delay(200);
        Assert.True(Interlocked.Read(ref server.BytesSent) < hundredMegabytes / 2, $"the client read {server.BytesSent} bytes");
    }

    [Theory]
    [InlineData(401, "text/plain", "Authentication failed", "AuthenticationFailed")]
    [InlineData(401, "text/html;charset=UTF-8", "<html>Login</html>", "EndpointUnavailable")]
    [InlineData(200, "text/html", "<html>CAS login page</html>", "EndpointUnavailable")]
    [InlineData(302, null, "", "EndpointUnavailable")]
    [InlineData(404, "application/json", "{\"status\":404}", "EndpointUnavailable")]
    [InlineData(500, "application/json", "{\"status\":500,\"error\":\"Internal Server Error\"}", "ServerError")]
    [InlineData(200, "application/json", "{\"AccessKeyId\":\"A\"}", "MalformedResponse")]
    [InlineData(200, "application/octet-stream", "\u0001\u0002garbage", "MalformedValue")]
    public async Task Unexpected_answers_are_classified(int status, string? contentType, string body, string expected)
    {
        using var server = new CannedHttpServer(status, contentType, body);
        CasAnswer answer = await ClientFor(server.BaseUri).SendAsync(Request(), CancellationToken.None);
        Assert.Equal(expected, answer.Kind.ToString());
    }

    [Fact]
    public async Task A_slow_server_is_a_timeout()
    {
        using var server = new CannedHttpServer(200, "text/plain", "x", delay: TimeSpan.FromSeconds(30));
        CasAnswer answer = await ClientFor(server.BaseUri, TimeSpan.FromMilliseconds(300)).SendAsync(Request(), CancellationToken.None);
        Assert.Equal(CasAnswerKind.Timeout, answer.Kind);
    }

    [Fact]
    public async Task Cancelling_aborts_the_pending_request()
    {
        using var server = new CannedHttpServer(200, "text/plain", "x", delay: TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        // Were the request not aborted, the answer would arrive (after 30 s) and nothing would throw.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ClientFor(server.BaseUri).SendAsync(Request(), cancel.Token));
    }

    [Fact]
    public async Task Nothing_listening_is_connection_refused()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        CasAnswer answer = await ClientFor(new Uri($"http://127.0.0.1:{port}/cas")).SendAsync(Request(), CancellationToken.None);
        Assert.Equal(CasAnswerKind.ConnectionRefused, answer.Kind);
    }

    [Fact]
    public void Transport_failures_are_told_apart_by_their_cause()
    {
        DateTime now = DateTime.UtcNow;
        Assert.Equal(CasAnswerKind.UnknownHost, CasStsClient.ClassifyTransportFailure(new HttpRequestException("x", new SocketException((int)SocketError.HostNotFound)), now).Kind);
        Assert.Equal(CasAnswerKind.CertificateUntrusted, CasStsClient.ClassifyTransportFailure(new HttpRequestException("x", new System.Security.Authentication.AuthenticationException("untrusted root")), now).Kind);
        Assert.Equal(CasAnswerKind.NetworkFailure, CasStsClient.ClassifyTransportFailure(new HttpRequestException("x"), now).Kind);
    }

    [Fact]
    public async Task An_explicit_proxy_carries_an_https_request_in_a_tunnel()
    {
        using var proxy = new CannedHttpServer(502, "text/plain", "Bad Gateway");
        var settings = new CasConnectionSettings(new Uri("https://cas.example.invalid/cas")) { Proxy = new Uri($"http://127.0.0.1:{proxy.BaseUri.Port}/") };
        CasAnswer answer = await new CasStsClient(settings).SendAsync(Request(), CancellationToken.None);

        Assert.Equal(CasAnswerKind.ProxyFailure, answer.Kind);
        Assert.Equal("CONNECT cas.example.invalid:443 HTTP/1.1", Assert.Single(proxy.RequestLines));
    }

    [Fact]
    public void Endpoint_path_is_relative_to_the_cas_base_unless_absolute()
    {
        Assert.Equal("https://sso.example.org/cas/actuator/awsSts", new CasConnectionSettings(new Uri("https://sso.example.org/cas")).EndpointUri.AbsoluteUri);
        Assert.Equal("https://sso.example.org/cas/actuator/awsSts", new CasConnectionSettings(new Uri("https://sso.example.org/cas/")).EndpointUri.AbsoluteUri);
        Assert.Equal("https://sso.example.org/cas/custom/sts", new CasConnectionSettings(new Uri("https://sso.example.org/cas"), "custom/sts").EndpointUri.AbsoluteUri);
        Assert.Equal("https://sso.example.org/sts", new CasConnectionSettings(new Uri("https://sso.example.org/cas"), "/sts").EndpointUri.AbsoluteUri);
    }
}
