using System.Net;
using System.Text.Json;
using Amazon.SecurityToken.Model;
using static CasAws.Tests.Emulator.TestEmulator;

namespace CasAws.Tests.Emulator;

/// <summary>The stand-in for https://signin.aws.amazon.com/federation.</summary>
public sealed class FederationTests : IAsyncLifetime
{
    private TestEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await TestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private static string SessionJson(Amazon.SecurityToken.Model.Credentials c) =>
        JsonSerializer.Serialize(new { sessionId = c.AccessKeyId, sessionKey = c.SecretAccessKey, sessionToken = c.SessionToken });

    private Task<HttpResponseMessage> GetSigninTokenAsync(string sessionJson) =>
        _emu.Http.GetAsync("/federation?Action=getSigninToken&Session=" + Uri.EscapeDataString(sessionJson));

    [Fact]
    public async Task Role_credentials_get_a_signin_token_that_logs_in_with_a_redirect()
    {
        var role = await _emu.StsClientFor("cli/cli-user").AssumeRoleAsync(new AssumeRoleRequest { RoleArn = DeveloperRole, RoleSessionName = "console" });

        using var tokenResponse = await GetSigninTokenAsync(SessionJson(role.Credentials));
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("SigninToken").GetString()!;
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _emu.Http.BaseAddress };
        using var login = await noRedirect.GetAsync("/federation?Action=login&Issuer=casaws&Destination=" +
            Uri.EscapeDataString("https://console.aws.amazon.com/") + "&SigninToken=" + Uri.EscapeDataString(token));

        Assert.True(token.Length > 100);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("https://console.aws.amazon.com/", login.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Session_token_credentials_are_refused_with_400()
    {
        var session = await _emu.StsClientFor("cli/cli-user").GetSessionTokenAsync(new GetSessionTokenRequest());

        using var response = await GetSigninTokenAsync(SessionJson(session.Credentials));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Cas_role_credentials_can_sign_in()
    {
        var (_, body, _) = await _emu.PostCasAsync(Form(("username", "casuser"), ("password", "Mellon"), ("duration", "PT1H")));
        var keys = ParseIni(body);

        using var response = await GetSigninTokenAsync(JsonSerializer.Serialize(new { sessionId = keys["aws_access_key_id"], sessionKey = keys["aws_secret_access_key"], sessionToken = keys["aws_session_token"] }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/federation?Action=getSigninToken&Session=%7B%7D")]
    [InlineData("/federation?Action=getSigninToken&Session=not-json")]
    [InlineData("/federation?Action=login&SigninToken=unknown&Destination=https%3A%2F%2Fconsole.aws.amazon.com%2F")]
    [InlineData("/federation?Action=other")]
    public async Task Bad_requests_are_400(string url)
    {
        using var response = await _emu.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
