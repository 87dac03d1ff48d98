using System.Net;
using System.Text.Json;
using static CasAws.Tests.Emulator.TestEmulator;

namespace CasAws.Tests.Emulator;

/// <summary>CAS's /v1 REST protocol: the same authentication (and Duo) as awsSts.</summary>
public sealed class RestProtocolTests : IAsyncLifetime
{
    private TestEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await TestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    [Fact]
    public async Task Tickets_answers_201_with_the_location_of_a_ticket_granting_ticket()
    {
        using var response = await _emu.Http.PostAsync("/cas/v1/tickets", new FormUrlEncodedContent(Form(("username", "casuser"), ("password", "Mellon"))));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var ticket = await response.Content.ReadAsStringAsync();
        Assert.Matches("^TGT-1-[A-Za-z0-9-]+$", ticket);
        Assert.Equal($"{_emu.Running.Endpoints.HttpUrl}/cas/v1/tickets/{ticket}", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("casuser", "wrong", "FailedLoginException")]
    [InlineData("nobody", "x", "AccountNotFoundException")]
    [InlineData("dave", "dave-pw", "MultifactorAuthenticationFailedException")] // Duo push denied
    public async Task A_failed_login_is_401_with_the_authentication_exceptions(string username, string password, string exception)
    {
        using var response = await _emu.Http.PostAsync("/cas/v1/tickets", new FormUrlEncodedContent(Form(("username", username), ("password", password))));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(exception, json.RootElement.GetProperty("authentication_exceptions")[0].GetString());
    }

    [Fact]
    public async Task Missing_credentials_are_a_bad_request()
    {
        using var response = await _emu.Http.PostAsync("/cas/v1/tickets", new FormUrlEncodedContent(Form(("username", "casuser"))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Users_answers_the_principal_and_its_attributes()
    {
        using var response = await _emu.Http.PostAsync("/cas/v1/users", new FormUrlEncodedContent(Form(("username", "bob"), ("password", "bob-pw"))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var principal = json.RootElement.GetProperty("authentication").GetProperty("principal");
        Assert.Equal("bob", principal.GetProperty("id").GetString());
        Assert.Equal(3, principal.GetProperty("attributes").GetProperty("awsroles").GetArrayLength());
    }
}
