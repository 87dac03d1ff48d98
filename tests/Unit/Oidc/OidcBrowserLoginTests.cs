using System.Net;
using System.Net.Sockets;
using System.Text;
using CasAws.Browser;
using CasAws.Cas;
using CasAws.Emulator.Config;
using CasAws.Errors;
using CasAws.Oidc;
using CasAws.Tests.Emulator;

namespace CasAws.Tests.Oidc;

/// <summary>The checks of the browser login's redirect (state, iss, expected user), the pasted redirect, and userinfo's subject.</summary>
public sealed class OidcBrowserLoginTests : IAsyncLifetime
{
    private const string Escaping = "mallory\u001b]0;pwned\u0007\u001b[2J";
    private TestEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await TestEmulator.StartAsync(config =>
        config.Users.Add(new UserConfig { Username = Escaping, Password = "m-pw" }));

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private CasConnectionSettings Settings => new(new Uri(_emu.Running.Endpoints.CasBaseHttp));

    private Task<OidcProviderEndpoints> EndpointsAsync() =>
        OidcDiscovery.DiscoverAsync(Settings, new Uri(_emu.Running.Endpoints.CasServers["cas"].OidcIssuerHttp!), default);

    private static OidcProviderEndpoints Offline(bool issuerInRedirect) =>
        new(new Uri("https://cas.example.org/cas/oidc"), new Uri("https://cas.example.org/cas/oidc/oidcAuthorize"), new Uri("https://cas.example.org/cas/oidc/oidcAccessToken"), null, issuerInRedirect);

    private static string Redirect(Uri authorization, string query) =>
        CodeFlowClient.Param(authorization, "redirect_uri") + "?" + query;

    /// <summary>Logs in as <paramref name="user"/> through the emulator's pages and returns where the browser ended (the redirect URI with code and state).</summary>
    private static async Task<string> BrowserEndsAtAsync(Uri authorization, string user, string password)
    {
        using var browser = new BrowserStandIn();
        Assert.Null(await browser.OpenAsync(authorization.AbsoluteUri));
        Uri? redirect = await browser.LoginAsync(user, password);
        Assert.NotNull(redirect);
        return redirect!.AbsoluteUri;
    }

    [Fact]
    public async Task A_pasted_redirect_with_another_state_or_address_is_refused()
    {
        using var login = new OidcBrowserLogin(Settings, Offline(false), "casaws", "openid", null);
        Uri authorization = login.StartForPaste(0);

        var forged = await Assert.ThrowsAsync<CasAwsException>(() => login.CompletePastedAsync(Redirect(authorization, "code=c&state=other"), default));
        var elsewhere = await Assert.ThrowsAsync<CasAwsException>(() => login.CompletePastedAsync("https://evil.example/callback?code=c&state=" + CodeFlowClient.Param(authorization, "state"), default));

        Assert.Equal(ErrorIds.OidcStateMismatch, forged.ErrorId);
        Assert.Equal(ErrorIds.OidcPastedUrlInvalid, elsewhere.ErrorId);
    }

    [Theory]
    [InlineData(false, "&iss=https%3A%2F%2Fevil.example%2Foidc")]
    [InlineData(true, "")]
    public async Task A_redirect_from_another_issuer_or_without_the_iss_the_issuer_always_sends_is_refused(bool issuerInRedirect, string iss)
    {
        using var login = new OidcBrowserLogin(Settings, Offline(issuerInRedirect), "casaws", "openid", null);
        Uri authorization = login.StartForPaste(0);

        var error = await Assert.ThrowsAsync<CasAwsException>(() =>
            login.CompletePastedAsync(Redirect(authorization, "code=c&state=" + CodeFlowClient.Param(authorization, "state") + iss), default));

        Assert.Equal(ErrorIds.OidcIssuerMismatch, error.ErrorId);
    }

    [Fact]
    public void Login_hint_is_sent_only_for_a_known_user_and_redirect_port_is_used()
    {
        using var known = new OidcBrowserLogin(Settings, Offline(false), "casaws", "openid", "alice");
        using var unknown = new OidcBrowserLogin(Settings, Offline(false), "casaws", "openid", null);

        Uri withHint = known.StartForPaste(50123);

        Assert.Equal("alice", CodeFlowClient.Param(withHint, "login_hint"));
        Assert.Equal("http://127.0.0.1:50123/callback", CodeFlowClient.Param(withHint, "redirect_uri"));
        Assert.Null(CodeFlowClient.Param(unknown.StartForPaste(0), "login_hint"));
    }

    [Fact]
    public async Task A_pasted_redirect_completes_the_login_and_an_id_token_for_someone_else_is_refused()
    {
        OidcProviderEndpoints endpoints = await EndpointsAsync();
        using (var login = new OidcBrowserLogin(Settings, endpoints, "casaws", "openid profile awsroles", "BOB"))
        {
            Uri authorization = login.StartForPaste(0);
            OidcTokenAnswer answer = await login.CompletePastedAsync(await BrowserEndsAtAsync(authorization, "bob", "bob-pw"), default);
            Assert.Equal("bob", answer.Claims.UserName);
        }

        using (var login = new OidcBrowserLogin(Settings, endpoints, "casaws", "openid profile awsroles", "alice"))
        {
            Uri authorization = login.StartForPaste(0);
            string ended = await BrowserEndsAtAsync(authorization, "bob", "bob-pw");
            var error = await Assert.ThrowsAsync<CasAwsException>(() => login.CompletePastedAsync(ended, default));
            Assert.Equal(ErrorIds.OidcUnexpectedUser, error.ErrorId);
            Assert.DoesNotContain(CodeFlowClient.Param(new Uri(ended), "code")!, error.Message);
        }
    }

    [Fact]
    public async Task A_user_name_with_terminal_escapes_is_shown_visibly_in_the_claims_and_the_browser_page()
    {
        OidcProviderEndpoints endpoints = await EndpointsAsync();
        using var login = new OidcBrowserLogin(Settings, endpoints, "casaws", "openid profile", null);
        Uri page = login.StartListening(0);
        Task<OidcTokenAnswer> completing = login.CompleteAsync(TimeSpan.FromSeconds(60), default);
        using var browser = new BrowserStandIn();

        Uri authorization = (await browser.OpenAsync(page.AbsoluteUri))!;
        Assert.Null(await browser.OpenAsync(authorization.AbsoluteUri));
        Uri callback = (await browser.LoginAsync(Escaping, "m-pw"))!;
        await browser.OpenAsync(callback.AbsoluteUri);
        OidcTokenAnswer answer = await completing;

        Assert.Equal("mallory\\x1b]0;pwned\\x07\\x1b[2J", answer.Claims.UserName);
        Assert.False(browser.LastPage!.Contains('\u001b'), "the page holds a raw ESC");
        Assert.Contains("mallory\\x1b]0;pwned", browser.LastPage);
    }

    [Fact]
    public async Task Userinfo_about_another_subject_is_not_used()
    {
        using var stub = new TcpListener(IPAddress.Loopback, 0);
        stub.Start();
        string origin = "http://127.0.0.1:" + ((IPEndPoint)stub.LocalEndpoint).Port;
        var endpoints = new OidcProviderEndpoints(new Uri(origin + "/oidc"), new Uri(origin + "/oidc/a"), new Uri(origin + "/oidc/t"), new Uri(origin + "/oidc/userinfo"));
        _ = Task.Run(async () =>
        {
            using TcpClient client = await stub.AcceptTcpClientAsync();
            NetworkStream stream = client.GetStream();
            await LoopbackRequest.ReadAsync(stream, TimeSpan.FromSeconds(30), default);
            byte[] body = Encoding.UTF8.GetBytes("{\"sub\":\"mallory\",\"awsroles\":[\"arn:aws:iam::123456789012:role/CasAdmin\"]}");
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " + body.Length + "\r\n\r\n"));
            await stream.WriteAsync(body);
        });

        var error = await Assert.ThrowsAsync<CasAwsException>(() => OidcTokenClient.UserInfoAsync(new CasConnectionSettings(new Uri(origin)), endpoints, "access", "bob", default));

        Assert.Equal(ErrorIds.OidcUnexpectedAnswer, error.ErrorId);
        Assert.Contains("another user", error.Message);
    }
}
