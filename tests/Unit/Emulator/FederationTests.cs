using System.Net;
using System.Text.Json;
using Amazon.SecurityToken.Model;
using CasAws.Emulator.Federation;
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

    private async Task<string> SigninTokenAsync(string? sessionDuration = null)
    {
        var role = await _emu.StsClientFor("cli/cli-user").AssumeRoleAsync(new AssumeRoleRequest { RoleArn = DeveloperRole, RoleSessionName = "console", DurationSeconds = 3600 });
        var url = "/federation?Action=getSigninToken&Session=" + Uri.EscapeDataString(SessionJson(role.Credentials)) +
            (sessionDuration is null ? "" : "&SessionDuration=" + Uri.EscapeDataString(sessionDuration));
        using var response = await _emu.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("SigninToken").GetString()!;
    }

    private HttpClient NoRedirects() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _emu.Http.BaseAddress };

    private static long ConsoleCookieMaxAge(HttpResponseMessage response)
    {
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(ConsoleSessions.CookieName + "=", StringComparison.Ordinal));
        return long.Parse(cookie.Split("; ").Single(part => part.StartsWith("Max-Age=", StringComparison.Ordinal))["Max-Age=".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<HttpResponseMessage> LoginAsync(HttpClient client, string token) =>
        await client.GetAsync("/federation?Action=login&Issuer=casaws&Destination=" + Uri.EscapeDataString("https://console.aws.amazon.com/") + "&SigninToken=" + Uri.EscapeDataString(token));

    [Theory]
    [InlineData("900", 900)]
    [InlineData("7200", 7200)]
    [InlineData("43200", 43200)]
    public async Task The_console_session_lasts_the_SessionDuration_asked_for(string sessionDuration, long seconds)
    {
        var token = await SigninTokenAsync(sessionDuration);
        using var client = NoRedirects();

        using var login = await LoginAsync(client, token);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(seconds, ConsoleCookieMaxAge(login));
        Assert.Contains(_emu.Running.Log.Entries, e => e.Outcome == $"login redirect; console session {seconds} s");
        // The token request's log line says what was asked for, so a client's test can check what it sent.
        Assert.Contains(_emu.Running.Log.Entries, e => e.Outcome == $"signin token issued; console session {seconds} s (SessionDuration)");
    }

    [Fact]
    public async Task A_POST_form_keeps_the_keys_out_of_the_URL_and_is_answered_alike()
    {
        var role = await _emu.StsClientFor("cli/cli-user").AssumeRoleAsync(new AssumeRoleRequest { RoleArn = DeveloperRole, RoleSessionName = "console" });

        using var response = await _emu.Http.PostAsync("/federation", new FormUrlEncodedContent(Form(
            ("Action", "getSigninToken"), ("SessionDuration", "7200"), ("Session", SessionJson(role.Credentials)))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("SigninToken").GetString()!.Length > 100);
    }

    [Fact]
    public async Task Without_SessionDuration_the_console_session_lasts_as_long_as_the_credentials()
    {
        var token = await SigninTokenAsync();
        using var client = NoRedirects();

        using var login = await LoginAsync(client, token);

        Assert.InRange(ConsoleCookieMaxAge(login), 3540, 3600);
    }

    [Theory]
    [InlineData("899")]
    [InlineData("43201")]
    [InlineData("0")]
    [InlineData("-900")]
    [InlineData("+900")]
    [InlineData(" 900")]
    [InlineData("7200.5")]
    [InlineData("2h")]
    public async Task A_SessionDuration_outside_900_to_43200_seconds_is_400(string sessionDuration)
    {
        var role = await _emu.StsClientFor("cli/cli-user").AssumeRoleAsync(new AssumeRoleRequest { RoleArn = DeveloperRole, RoleSessionName = "console" });

        using var response = await _emu.Http.GetAsync("/federation?Action=getSigninToken&Session=" + Uri.EscapeDataString(SessionJson(role.Credentials)) +
            "&SessionDuration=" + Uri.EscapeDataString(sessionDuration));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Logout_ends_the_console_session_and_follows_redirect_uri_to_the_next_login()
    {
        var token = await SigninTokenAsync("3600");
        using var client = NoRedirects();
        using var login = await LoginAsync(client, token);
        var cookie = login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var next = _emu.Http.BaseAddress + "federation?Action=login&SigninToken=next";

        using var request = new HttpRequestMessage(HttpMethod.Get, "/oauth?Action=logout&redirect_uri=" + Uri.EscapeDataString(next));
        request.Headers.Add("Cookie", cookie);
        using var logout = await client.SendAsync(request);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/oauth?Action=logout");
        again.Headers.Add("Cookie", cookie);
        using var secondLogout = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(next, logout.Headers.Location!.ToString());
        Assert.Equal(0, ConsoleCookieMaxAge(logout));
        Assert.Equal(HttpStatusCode.OK, secondLogout.StatusCode);
        Assert.Contains("signed out", await secondLogout.Content.ReadAsStringAsync());
        var outcomes = _emu.Running.Log.Entries.Where(e => e.Path == ConsoleLogoutEndpoint.Path).Select(e => e.Outcome).ToList();
        Assert.Equal(new[] { "console session ended", "no console session" }, outcomes);
    }

    [Theory]
    [InlineData("/oauth")]
    [InlineData("/oauth?Action=login")]
    public async Task The_logout_route_answers_400_to_anything_but_a_logout(string url)
    {
        using var response = await _emu.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
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
