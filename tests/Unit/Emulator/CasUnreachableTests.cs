using System.Net;
using System.Net.Http.Headers;
using static CasAws.Tests.Emulator.TestEmulator;

namespace CasAws.Tests.Emulator;

/// <summary>
/// What a client gets that is not one of the endpoint's own answers: Spring Boot's error body as Accept
/// selects it, and a CAS whose endpoint is not exposed, guarded, or behind an SSO gateway.
/// </summary>
public sealed class CasUnreachableTests
{
    private static async Task<HttpResponseMessage> PostAsync(TestEmulator emu, string? accept, params (string, string)[] form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, emu.CasPath()) { Content = new FormUrlEncodedContent(Form(form)) };
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        return await emu.Http.SendAsync(request);
    }

    [Theory]
    [InlineData(null, "application/json")]
    [InlineData("application/json", "application/json")]
    [InlineData("text/plain, */*", "application/json")]
    [InlineData("text/html,application/xhtml+xml", "text/html")]
    [InlineData("text/plain", null)]  // Spring's BasicErrorController: not acceptable, so an empty body
    public async Task A_500_follows_the_accept_header_like_spring_boot(string? accept, string? expectedType)
    {
        await using var emu = await TestEmulator.StartAsync();

        using var response = await PostAsync(emu, accept, ("username", "casuser"), ("password", "Mellon"), ("duration", "PT15S"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(expectedType, response.Content.Headers.ContentType?.MediaType);
        if (expectedType is null) Assert.Empty(body);
        if (expectedType == "text/html") Assert.Contains("status=500", body);
        if (expectedType == "application/json") CasEndpointTests.AssertSpringError(body, 500, "Internal Server Error", "/cas/actuator/awsSts");
    }

    [Fact]
    public async Task The_endpoints_own_401_texts_do_not_depend_on_accept()
    {
        await using var emu = await TestEmulator.StartAsync();

        using var response = await PostAsync(emu, "text/plain", ("username", "casuser"), ("password", "bad"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Authentication failed", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("notFound", HttpStatusCode.NotFound, "Not Found")]
    [InlineData("forbidden", HttpStatusCode.Forbidden, "Forbidden")]
    [InlineData("unauthorized", HttpStatusCode.Unauthorized, "Unauthorized")]
    public async Task A_guarded_or_unexposed_endpoint_answers_springs_json_not_a_cas_text(string access, HttpStatusCode status, string reason)
    {
        await using var emu = await TestEmulator.StartAsync(c => c.CasServers[0].EndpointAccess = access);

        using var response = await PostAsync(emu, null, ("username", "casuser"), ("password", "Mellon"), ("duration", "PT1H"));

        Assert.Equal(status, response.StatusCode);
        CasEndpointTests.AssertSpringError(await response.Content.ReadAsStringAsync(), (int)status, reason, "/cas/actuator/awsSts");
        Assert.Equal(access == "unauthorized", response.Headers.WwwAuthenticate.Count > 0);
    }

    [Fact]
    public async Task An_sso_gateway_redirects_to_the_cas_login_page()
    {
        await using var emu = await TestEmulator.StartAsync(c => c.CasServers[0].EndpointAccess = "loginRedirect");
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = emu.Http.BaseAddress };

        using var response = await noRedirect.PostAsync(emu.CasPath(), new FormUrlEncodedContent(Form(("username", "casuser"), ("password", "Mellon"))));
        using var followed = await PostAsync(emu, null, ("username", "casuser"), ("password", "Mellon"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/cas/login?service=http%3A%2F%2F127.0.0.1%3A", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        Assert.Equal("text/html", followed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("CAS - Central Authentication Service", await followed.Content.ReadAsStringAsync());
    }
}
