using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using static CasAws.Tests.Emulator.TestEmulator;

namespace CasAws.Tests.Emulator;

/// <summary>The CAS awsSts endpoint, byte for byte, on the sample configuration.</summary>
public sealed class CasEndpointTests : IAsyncLifetime
{
    private TestEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await TestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    [Fact]
    public async Task Success_body_is_the_default_section_with_LF_lines_and_aws_global_when_no_region()
    {
        var (status, body, contentType) = await _emu.PostCasAsync(Form(("username", "casuser"), ("password", "Mellon"), ("duration", "PT1H")));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/plain", contentType);
        Assert.Matches(@"^\[default\]\naws_access_key_id=ASIA[A-Z2-7]{16}\naws_secret_access_key=[A-Za-z0-9+/]{40}\naws_session_token=[A-Za-z0-9+/=]{300,}\nregion=aws-global\n$", body);
    }

    [Fact]
    public async Task A_windows_cas_ends_key_lines_with_CRLF_but_the_header_with_LF_and_names_its_region()
    {
        var (status, body, _) = await _emu.PostCasAsync(Form(("username", "casuser"), ("password", "Mellon"), ("duration", "3600")), "cas64");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches(@"^\[default\]\naws_access_key_id=ASIA[A-Z2-7]{16}\r\naws_secret_access_key=\S{40}\r\naws_session_token=\S+\r\nregion=eu-west-1\r\n$", body);
    }

    [Fact]
    public async Task Session_token_mode_issues_keys_of_the_cas_servers_iam_user()
    {
        var (status, body, _) = await _emu.PostCasAsync(Form(("username", "casuser"), ("password", "Mellon"), ("duration", "PT2H")), "cas-session");

        Assert.Equal(HttpStatusCode.OK, status);
        var keys = ParseIni(body);
        Assert.Equal("us-east-1", keys["region"]);
        var identity = await _emu.StsClientFor(keys).GetCallerIdentityAsync(new());
        Assert.Equal($"arn:aws:iam::{Account}:user/cas-server", identity.Arn);
    }

    [Fact]
    public async Task Role_mode_keys_belong_to_an_assumed_role_session_named_by_a_random_uuid()
    {
        var (_, body, _) = await _emu.PostCasAsync(Form(("username", "casuser"), ("password", "Mellon"), ("duration", "PT1H")));

        var identity = await _emu.StsClientFor(ParseIni(body)).GetCallerIdentityAsync(new());
        Assert.Matches($"^arn:aws:sts::{Account}:assumed-role/CasDeveloper/[0-9a-f]{{8}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{12}}$", identity.Arn);
        Assert.StartsWith("AROA", identity.UserId);
    }

    [Theory]
    [InlineData("casuser", "wrong")]
    [InlineData("nobody", "Mellon")]
    [InlineData("casuser", "")]
    [InlineData("", "Mellon")]
    public async Task Bad_or_missing_credentials_answer_Authentication_failed(string username, string password)
    {
        var (status, body, contentType) = await _emu.PostCasAsync(Form(("username", username), ("password", password), ("duration", "PT1H")));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Authentication failed", body);
        Assert.Equal("text/plain", contentType);
    }

    [Fact]
    public async Task Credentials_in_basic_auth_are_not_read()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _emu.CasPath()) { Content = new FormUrlEncodedContent(Form(("duration", "PT1H"))) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("casuser:Mellon")));
        using var response = await _emu.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Authentication failed", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("cas")]          // role mode: awsroles missing
    [InlineData("cas-session")]  // session mode: groupMembership has no ^aws: value
    public async Task A_user_outside_the_attribute_rule_gets_Authorization_failure(string server)
    {
        var (status, body, _) = await _emu.PostCasAsync(Form(("username", "carol"), ("password", "carol-pw"), ("duration", "PT1H")), server);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Authorization failure", body);
    }

    [Fact]
    public async Task Several_roles_and_no_roleArn_lists_them_like_Java_with_a_space_after_the_colon()
    {
        var (status, body, _) = await _emu.PostCasAsync(Form(("username", "bob"), ("password", "bob-pw"), ("duration", "PT1H")));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal($"Found multiple roles and none is specified. Current roles: [{DeveloperRole}, {AdminRole}, {OddRole}]", body);
    }

    [Fact]
    public async Task A_roleArn_matching_none_lists_them_without_a_space_after_the_colon()
    {
        var (status, body, _) = await _emu.PostCasAsync(Form(("username", "bob"), ("password", "bob-pw"), ("duration", "PT1H"), ("roleArn", "arn:aws:iam::123456789012:role/Nope")));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal($"Specified role is not allowed. Current roles:[{DeveloperRole}, {AdminRole}, {OddRole}]", body);
    }

    [Fact]
    public async Task The_chosen_role_of_several_is_assumed()
    {
        var (status, body, _) = await _emu.PostCasAsync(Form(("username", "bob"), ("password", "bob-pw"), ("duration", "PT1H"), ("roleArn", AdminRole)));

        Assert.Equal(HttpStatusCode.OK, status);
        var identity = await _emu.StsClientFor(ParseIni(body)).GetCallerIdentityAsync(new());
        Assert.Contains(":assumed-role/CasAdmin/", identity.Arn);
    }

    [Fact]
    public async Task Empty_body_is_400_with_spring_boots_json()
    {
        using var response = await _emu.Http.PostAsync(_emu.CasPath(), new StringContent("", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertSpringError(await response.Content.ReadAsStringAsync(), 400, "Bad Request", "/cas/actuator/awsSts");
    }

    [Fact]
    public async Task Json_body_is_415_unsupported_media_type()
    {
        using var response = await _emu.Http.PostAsync(_emu.CasPath(), new StringContent("{\"username\":\"casuser\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        AssertSpringError(await response.Content.ReadAsStringAsync(), 415, "Unsupported Media Type", "/cas/actuator/awsSts");
    }

    [Theory]
    [InlineData("PT15S")]  // what 7.1+ defaults to: real STS refuses it
    [InlineData("600")]
    [InlineData("1h")]     // not ISO-8601: Duration.parse throws
    [InlineData("1.5")]    // a Java number but not a long
    [InlineData("PT")]
    public async Task Unusable_durations_fail_with_spring_boots_500(string duration)
    {
        using var response = await _emu.Http.PostAsync(_emu.CasPath(), new FormUrlEncodedContent(Form(("username", "casuser"), ("password", "Mellon"), ("duration", duration))));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        AssertSpringError(await response.Content.ReadAsStringAsync(), 500, "Internal Server Error", "/cas/actuator/awsSts");
    }

    [Theory]
    [InlineData("900")]
    [InlineData("PT1H")]
    [InlineData("pt2h30m")]
    [InlineData("P0DT4H")]
    public async Task Durations_in_seconds_or_ISO_8601_are_accepted(string duration)
    {
        var (status, _, _) = await _emu.PostCasAsync(Form(("username", "casuser"), ("password", "Mellon"), ("duration", duration)));

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task A_duration_above_the_roles_maximum_is_refused_by_sts_so_500()
    {
        var (status, _, _) = await _emu.PostCasAsync(Form(("username", "casuser"), ("password", "Mellon"), ("duration", "PT5H")));

        Assert.Equal(HttpStatusCode.InternalServerError, status);
    }

    [Fact]
    public async Task Head_answers_200_with_an_empty_body_on_7x()
    {
        using var response = await _emu.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, _emu.CasPath()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_is_not_allowed_on_6_4()
    {
        using var response = await _emu.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, _emu.CasPath("cas64")));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Get_is_not_allowed()
    {
        using var response = await _emu.Http.GetAsync(_emu.CasPath() + "?username=casuser&password=Mellon");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Cas_7_ignores_fields_in_the_query_string()
    {
        var (status, body, _) = await _emu.PostCasAsync(Form(("duration", "PT1H")), query: "?username=casuser&password=Mellon");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Authentication failed", body);
    }

    [Fact]
    public async Task Cas_6_4_reads_fields_from_the_query_string_too()
    {
        var (status, _, _) = await _emu.PostCasAsync(Form(("duration", "PT1H")), "cas64", "?username=casuser&password=Mellon");

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task The_profile_field_picks_the_server_side_signing_keys_and_an_unknown_one_is_500()
    {
        var (status, body, _) = await _emu.PostCasAsync(Form(("username", "casuser"), ("password", "Mellon"), ("duration", "PT1H"), ("profile", "secondary")), "cas");
        var (unknownStatus, _, _) = await _emu.PostCasAsync(Form(("username", "casuser"), ("password", "Mellon"), ("duration", "PT1H"), ("profile", "nope")), "cas");

        // cas-server-secondary is not trusted by CasDeveloper: STS refuses, CAS answers 500.
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal(HttpStatusCode.InternalServerError, unknownStatus);
        Assert.DoesNotContain("secondary", body);
    }

    [Fact]
    public async Task Aws_side_mfa_token_and_serialNumber_reach_sts()
    {
        var serial = _emu.IamUser("cas-server").MfaSerialNumber!;
        var good = await _emu.PostCasAsync(Form(("username", "casuser"), ("password", "Mellon"), ("duration", "PT1H"), ("token", _emu.AwsMfaCode("cas-server")), ("serialNumber", serial)), "cas-session");
        var bad = await _emu.PostCasAsync(Form(("username", "casuser"), ("password", "Mellon"), ("duration", "PT1H"), ("token", "000000"), ("serialNumber", serial)), "cas-session");

        Assert.Equal(HttpStatusCode.OK, good.Status);
        Assert.Equal(HttpStatusCode.InternalServerError, bad.Status);
    }

    [Fact]
    public async Task The_https_endpoint_serves_a_certificate_for_127_0_0_1_that_clients_can_trust_from_the_pem()
    {
        using var handler = new HttpClientHandler();
        var expected = _emu.Running.Certificate;
        handler.ServerCertificateCustomValidationCallback = (_, certificate, chain, _) =>
        {
            chain!.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(expected);
            chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
            return chain.Build(certificate!);
        };
        using var client = new HttpClient(handler);
        using var response = await client.PostAsync(_emu.Running.Endpoints.CasBaseHttps + "/actuator/awsSts",
            new FormUrlEncodedContent(Form(("username", "casuser"), ("password", "Mellon"), ("duration", "PT1H"))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("https://127.0.0.1:", _emu.Running.Endpoints.CasBaseHttps);
    }

    [Fact]
    public async Task The_request_log_names_the_user_and_outcome_but_no_secret()
    {
        await _emu.PostCasAsync(Form(("username", "dave"), ("password", "dave-pw"), ("passcode", "111111"), ("duration", "PT1H")));
        var (_, body, _) = await _emu.PostCasAsync(Form(("username", "casuser"), ("password", "Mellon"), ("duration", "PT1H")));

        var log = await _emu.Http.GetStringAsync("/control/requests");
        Assert.Contains("\"user\":\"dave\"", log);
        Assert.Contains("passcode accepted", log);
        foreach (var secret in new[] { "dave-pw", "Mellon", "111111", ParseIni(body)["aws_secret_access_key"], ParseIni(body)["aws_session_token"] })
            Assert.DoesNotContain(secret, log);
    }

    internal static void AssertSpringError(string json, int status, string error, string path)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(new[] { "timestamp", "status", "error", "path" }, root.EnumerateObject().Select(p => p.Name));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$", root.GetProperty("timestamp").GetString());
        Assert.Equal(status, root.GetProperty("status").GetInt32());
        Assert.Equal(error, root.GetProperty("error").GetString());
        Assert.Equal(path, root.GetProperty("path").GetString());
    }
}
