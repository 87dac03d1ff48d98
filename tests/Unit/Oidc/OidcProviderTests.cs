using System.Net;
using System.Text.Json;
using CasAws.Tests.Emulator;

namespace CasAws.Tests.Oidc;

/// <summary>The emulator as an OpenID Connect provider, driven over HTTP the way a browser and a CLI drive CAS.</summary>
public sealed class OidcProviderTests : IAsyncLifetime
{
    private TestEmulator _emu = null!;
    private string Issuer => _emu.Running.Endpoints.CasServers["cas"].OidcIssuerHttp!;

    public async Task InitializeAsync() => _emu = await TestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private async Task<string> CodeAsync(BrowserStandIn browser, CodeFlowClient client, string user, string password, string? method = "S256")
    {
        Assert.Null(await browser.OpenAsync(client.AuthorizeUrl(method: method)));
        var redirect = await browser.LoginAsync(user, password);
        Assert.NotNull(redirect);
        Assert.Equal(client.State, CodeFlowClient.Param(redirect!, "state"));
        return CodeFlowClient.Param(redirect!, "code")!;
    }

    [Fact]
    public async Task Discovery_advertises_the_cas_endpoint_names_below_the_issuer()
    {
        using var document = JsonDocument.Parse(await _emu.Http.GetStringAsync(Issuer + "/.well-known/openid-configuration"));
        var root = document.RootElement;
        Assert.Equal(Issuer, root.GetProperty("issuer").GetString());
        Assert.Equal(Issuer + "/oidcAuthorize", root.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(Issuer + "/oidcAccessToken", root.GetProperty("token_endpoint").GetString());
        Assert.Equal(Issuer + "/oidcProfile", root.GetProperty("userinfo_endpoint").GetString());
        Assert.Equal(Issuer + "/jwks", root.GetProperty("jwks_uri").GetString());
        using var jwks = JsonDocument.Parse(await _emu.Http.GetStringAsync(Issuer + "/jwks"));
        var key = jwks.RootElement.GetProperty("keys")[0];
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.False(key.TryGetProperty("d", out _));
    }

    [Fact]
    public async Task Code_flow_with_S256_gives_a_signed_id_token_with_nonce_roles_and_eight_hours()
    {
        using var browser = new BrowserStandIn();
        var client = new CodeFlowClient(Issuer);
        var code = await CodeAsync(browser, client, "bob", "bob-pw");

        var (status, body) = await client.RedeemAsync(_emu.Http, code);

        Assert.Equal(HttpStatusCode.OK, status);
        var idToken = body.GetProperty("id_token").GetString()!;
        Assert.True(_emu.Running.Oidc["cas"].Key.Verifies(idToken));
        var claims = CodeFlowClient.Claims(idToken);
        Assert.Equal(Issuer, claims.GetProperty("iss").GetString());
        Assert.Equal("casaws", claims.GetProperty("aud").GetString());
        Assert.Equal("bob", claims.GetProperty("sub").GetString());
        Assert.Equal(client.Nonce, claims.GetProperty("nonce").GetString());
        Assert.Equal(8 * 3600, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
        Assert.Equal(3, claims.GetProperty("awsroles").GetArrayLength());
        Assert.False(body.TryGetProperty("refresh_token", out _)); // no offline_access asked
    }

    [Fact]
    public async Task A_code_works_once_and_only_with_its_verifier()
    {
        using var browser = new BrowserStandIn();
        var client = new CodeFlowClient(Issuer);
        var code = await CodeAsync(browser, client, "casuser", "Mellon");

        var wrong = await client.RedeemAsync(_emu.Http, code, verifier: "not-the-verifier-at-all-not-the-verifier");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Equal("invalid_grant", wrong.Body.GetProperty("error").GetString());
        // the failed attempt used the code up, as a one-use ticket does
        Assert.Equal(HttpStatusCode.BadRequest, (await client.RedeemAsync(_emu.Http, code)).Status);

        using var another = new BrowserStandIn(); // this one has a single sign-on session now
        var second = await CodeAsync(another, client, "casuser", "Mellon");
        Assert.Equal(HttpStatusCode.OK, (await client.RedeemAsync(_emu.Http, second)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.RedeemAsync(_emu.Http, second)).Status);
    }

    [Fact]
    public async Task Without_a_method_the_challenge_is_plain()
    {
        using var browser = new BrowserStandIn();
        var client = new CodeFlowClient(Issuer);
        var code = await CodeAsync(browser, client, "casuser", "Mellon", method: null);

        Assert.Equal(HttpStatusCode.OK, (await client.RedeemAsync(_emu.Http, code)).Status);
    }

    [Theory]
    [InlineData("http://127.0.0.2:8080/callback")]
    [InlineData("http://localhost:8080/callback")]
    [InlineData("https://127.0.0.1:8080/callback")]
    [InlineData("http://127.0.0.1/callback")]
    public async Task A_redirect_uri_outside_the_service_regex_gets_an_error_page_and_no_redirect(string redirectUri)
    {
        using var browser = new BrowserStandIn();
        var client = new CodeFlowClient(Issuer);

        Assert.Null(await browser.OpenAsync(client.AuthorizeUrl(redirectUri)));
        Assert.Equal(HttpStatusCode.Unauthorized, browser.LastStatus);
        Assert.Contains("Not Authorized", browser.LastPage);
    }

    [Fact]
    public async Task Claims_only_in_userinfo_when_the_service_does_not_include_them_in_the_id_token()
    {
        using var browser = new BrowserStandIn();
        var client = new CodeFlowClient(Issuer, "casaws-userinfo");
        var code = await CodeAsync(browser, client, "casuser", "Mellon");
        var (_, body) = await client.RedeemAsync(_emu.Http, code);
        Assert.False(CodeFlowClient.Claims(body.GetProperty("id_token").GetString()!).TryGetProperty("awsroles", out _));

        using var request = new HttpRequestMessage(HttpMethod.Get, Issuer + "/oidcProfile");
        request.Headers.Authorization = new("Bearer", body.GetProperty("access_token").GetString());
        using var response = await _emu.Http.SendAsync(request);
        var profile = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("casuser", profile.GetProperty("sub").GetString());
        Assert.Equal(TestEmulator.DeveloperRole, profile.GetProperty("awsroles").GetString()); // one value: a string
    }

    [Fact]
    public async Task Offline_access_brings_a_refresh_token_that_gives_a_new_id_token()
    {
        using var browser = new BrowserStandIn();
        var client = new CodeFlowClient(Issuer);
        Assert.Null(await browser.OpenAsync(client.AuthorizeUrl(scope: "openid awsroles offline_access")));
        var code = CodeFlowClient.Param((await browser.LoginAsync("casuser", "Mellon"))!, "code")!;
        var (_, body) = await client.RedeemAsync(_emu.Http, code);
        var refresh = body.GetProperty("refresh_token").GetString()!;

        using var response = await _emu.Http.PostAsync(Issuer + "/oidcAccessToken", new FormUrlEncodedContent(new Dictionary<string, string>
        { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh, ["client_id"] = "casaws" }));
        var refreshed = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var claims = CodeFlowClient.Claims(refreshed.GetProperty("id_token").GetString()!);
        Assert.Equal("casuser", claims.GetProperty("sub").GetString());
        Assert.False(claims.TryGetProperty("nonce", out _));
    }

    [Fact]
    public async Task Mfa_user_gets_the_duo_page_and_a_passcode_works_once()
    {
        using var browser = new BrowserStandIn();
        var client = new CodeFlowClient(Issuer);
        Assert.Null(await browser.OpenAsync(client.AuthorizeUrl()));
        Assert.Null(await browser.LoginAsync("frank", "frank-pw"));
        Assert.Contains("Send Me a Push", browser.LastPage);

        var redirect = await browser.SubmitAsync("duoPasscode", ("passcode", "999999"));
        Assert.NotNull(CodeFlowClient.Param(redirect!, "code"));

        using var other = new BrowserStandIn();
        Assert.Null(await other.OpenAsync(client.AuthorizeUrl()));
        await other.LoginAsync("frank", "frank-pw");
        Assert.Null(await other.SubmitAsync("duoPasscode", ("passcode", "999999")));
        Assert.Contains("not accepted", other.LastPage);
    }

    [Fact]
    public async Task A_push_approved_through_duo_completes_the_login_and_sso_skips_the_next_one()
    {
        using var browser = new BrowserStandIn();
        var client = new CodeFlowClient(Issuer);
        Assert.Null(await browser.OpenAsync(client.AuthorizeUrl()));
        await browser.LoginAsync("frank", "frank-pw");
        var pushed = browser.SubmitAsync("duoPush");
        var pending = await _emu.Running.Duo.WaitForPendingAsync("frank", TimeSpan.FromSeconds(20), default);
        Assert.True(_emu.Running.Duo.Decide(Assert.Single(pending).Id, CasAws.Emulator.Duo.PushOutcome.Approved));
        Assert.NotNull(CodeFlowClient.Param((await pushed)!, "code"));

        var again = await browser.OpenAsync(client.AuthorizeUrl());
        Assert.NotNull(CodeFlowClient.Param(again!, "code"));
    }

    [Fact]
    public async Task Consent_page_for_a_service_that_does_not_bypass_it_and_deny_redirects_access_denied()
    {
        using var browser = new BrowserStandIn();
        var client = new CodeFlowClient(Issuer, "casaws-consent");
        Assert.Null(await browser.OpenAsync(client.AuthorizeUrl()));
        Assert.Null(await browser.LoginAsync("casuser", "Mellon"));
        var redirect = await browser.SubmitAsync("consent", ("decision", "deny"));

        Assert.Equal("access_denied", CodeFlowClient.Param(redirect!, "error"));
        Assert.Equal(client.State, CodeFlowClient.Param(redirect!, "state"));
    }
}
