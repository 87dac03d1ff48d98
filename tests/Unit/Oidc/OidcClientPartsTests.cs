using System.Text;
using CasAws.Cas;
using CasAws.Errors;
using CasAws.Oidc;
using CasAws.Tests.Emulator;
using CasAws.Json;

namespace CasAws.Tests.Oidc;

/// <summary>The module's OIDC client parts: its JSON reader, the id_token checks, and discovery against the emulator.</summary>
public sealed class OidcClientPartsTests
{
    private static string Jwt(string payloadJson) =>
        "eyJhbGciOiJSUzI1NiJ9." + IdTokenClaims.Base64UrlEncode(Encoding.UTF8.GetBytes(payloadJson)) + ".c2ln";

    [Theory]
    [InlineData("")]
    [InlineData("[1,2]")]
    [InlineData("{\"a\":1,}")]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"a\":\"\u0001\"}")]
    [InlineData("{\"a\":tru}")]
    [InlineData("{\"a\":1} x")]
    public void Json_reader_refuses_malformed_documents_without_quoting_them(string json)
    {
        var error = Assert.Throws<FormatException>(() => PlatformJson.ParseObject(json));
        if (json.Length > 2) Assert.DoesNotContain(json, error.Message);
    }

    [Fact]
    public void Json_reader_refuses_deep_nesting()
    {
        var deep = new string('[', 100) + new string(']', 100);
        Assert.Throws<FormatException>(() => PlatformJson.ParseObject("{\"a\":" + deep + "}"));
    }

    [Fact]
    public void A_claim_is_one_string_or_an_array_of_strings()
    {
        var json = PlatformJson.ParseObject("{\"one\":\"arn:a\",\"many\":[\"x\",\"y\\u0041\"],\"n\":1700000000}");
        Assert.Equal(new[] { "arn:a" }, JsonText.Strings(json, "one"));
        Assert.Equal(new[] { "x", "yA" }, JsonText.Strings(json, "many"));
        Assert.Equal(1700000000L, JsonText.Number(json, "n"));
        Assert.Null(JsonText.Strings(json, "absent"));
    }

    [Theory]
    [InlineData("{\"iss\":\"https://other/cas/oidc\",\"aud\":\"casaws\",\"sub\":\"u\",\"exp\":4102444800,\"nonce\":\"n\"}", "issuer")]
    [InlineData("{\"iss\":\"https://cas/oidc\",\"aud\":\"someone-else\",\"sub\":\"u\",\"exp\":4102444800,\"nonce\":\"n\"}", "client id")]
    [InlineData("{\"iss\":\"https://cas/oidc\",\"aud\":[\"casaws\",\"x\"],\"sub\":\"u\",\"exp\":4102444800,\"nonce\":\"n\"}", "audiences")]
    [InlineData("{\"iss\":\"https://cas/oidc\",\"aud\":\"casaws\",\"sub\":\"u\",\"exp\":1000,\"nonce\":\"n\"}", "expired")]
    [InlineData("{\"iss\":\"https://cas/oidc\",\"aud\":\"casaws\",\"sub\":\"u\",\"exp\":4102444800,\"nonce\":\"other\"}", "nonce")]
    [InlineData("{\"iss\":\"https://cas/oidc\",\"aud\":\"casaws\",\"sub\":\"u\",\"exp\":4102444800}", "nonce")]
    public void Id_token_checks_name_what_is_wrong(string payload, string expected)
    {
        var claims = IdTokenClaims.Read(Jwt(payload));
        Assert.Contains(expected, claims.Problem("https://cas/oidc", "casaws", "n", DateTime.UtcNow));
    }

    [Fact]
    public void A_good_id_token_passes_and_names_the_user()
    {
        var claims = IdTokenClaims.Read(Jwt("{\"iss\":\"https://cas/oidc\",\"aud\":[\"casaws\"],\"sub\":\"u1\",\"preferred_username\":\"jdoe\",\"exp\":4102444800,\"nonce\":\"n\"}"));
        Assert.Null(claims.Problem("https://cas/oidc", "casaws", "n", DateTime.UtcNow));
        Assert.Equal("jdoe", claims.UserName);
        Assert.Equal(new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc), claims.ExpiresUtc);
    }

    [Fact]
    public void A_user_name_or_subject_with_terminal_escapes_is_made_visible()
    {
        var claims = IdTokenClaims.Read(Jwt("{\"iss\":\"https://cas/oidc\",\"aud\":\"casaws\",\"sub\":\"u1\",\"preferred_username\":\"eve\\u001b]0;root\\u0007\\u202e\",\"exp\":4102444800}"));
        var subjectOnly = IdTokenClaims.Read(Jwt("{\"iss\":\"https://cas/oidc\",\"aud\":\"casaws\",\"sub\":\"eve\\u001b[2J\",\"exp\":4102444800}"));

        Assert.Equal("eve\\x1b]0;root\\x07\\u202e", claims.UserName);
        Assert.Equal("eve\\x1b[2J", subjectOnly.UserName);
    }

    [Fact]
    public async Task Discovery_reads_the_emulator_and_refuses_another_issuer()
    {
        await using var emu = await TestEmulator.StartAsync();
        var issuer = new Uri(emu.Running.Endpoints.CasServers["cas"].OidcIssuerHttp!);
        var settings = new CasConnectionSettings(new Uri(emu.Running.Endpoints.CasBaseHttp));

        var endpoints = await OidcDiscovery.DiscoverAsync(settings, issuer, default);
        Assert.Equal(issuer.AbsoluteUri + "/oidcAccessToken", endpoints.Token.AbsoluteUri);

        var other = new Uri(emu.Running.Endpoints.CasBaseHttp + "/nothing");
        var error = await Assert.ThrowsAsync<CasAwsException>(() => OidcDiscovery.DiscoverAsync(settings, other, default));
        Assert.Equal(ErrorIds.OidcUnexpectedAnswer, error.ErrorId);
    }
}
