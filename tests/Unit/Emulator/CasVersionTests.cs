using System.Net;
using static CasAws.Tests.Emulator.TestEmulator;

namespace CasAws.Tests.Emulator;

/// <summary>What differs between CAS 6.4, 7.1, 7.2+ and the newest code.</summary>
public sealed class CasVersionTests
{
    private static Task<TestEmulator> StartAsync(string version, Action<CasAws.Emulator.Config.CasServerConfig>? adjust = null) =>
        TestEmulator.StartAsync(config =>
        {
            config.CasServers[0].Version = version;
            adjust?.Invoke(config.CasServers[0]);
        });

    [Theory]
    [InlineData("6.4", HttpStatusCode.OK)]                   // PT1H
    [InlineData("7.1", HttpStatusCode.InternalServerError)]  // PT15S, which STS refuses
    [InlineData("7.2", HttpStatusCode.InternalServerError)]
    [InlineData("newest", HttpStatusCode.InternalServerError)]
    public async Task Without_a_duration_the_default_depends_on_the_version(string version, HttpStatusCode expected)
    {
        await using var emu = await StartAsync(version);

        var (status, _, _) = await emu.PostCasAsync(Form(("username", "casuser"), ("password", "Mellon")));

        Assert.Equal(expected, status);
    }

    [Fact]
    public async Task Cas_6_4_default_duration_gives_one_hour_keys()
    {
        await using var emu = await StartAsync("6.4");
        var before = DateTimeOffset.UtcNow;

        var (_, body, _) = await emu.PostCasAsync(Form(("username", "casuser"), ("password", "Mellon")));

        var issued = emu.Running.Sts.FindValidIssued(ParseIni(body)["aws_access_key_id"], ParseIni(body)["aws_secret_access_key"], ParseIni(body)["aws_session_token"]);
        Assert.NotNull(issued);
        Assert.InRange((issued.Expiration - before).TotalSeconds, 3590, 3610);
    }

    [Theory]
    [InlineData("6.4")]
    [InlineData("7.1")]
    [InlineData("7.2")]
    public async Task Legacy_versions_match_roleArn_as_a_regex_and_assume_the_text_the_client_sent(string version)
    {
        await using var emu = await StartAsync(version);

        // "CasAdmin" finds a match, so CAS asks STS to assume the role "CasAdmin": not an ARN, STS refuses, 500.
        var partial = await emu.PostCasAsync(Form(("username", "bob"), ("password", "bob-pw"), ("duration", "PT1H"), ("roleArn", "CasAdmin")));
        // A '+' in a role name is a regex quantifier: the exact ARN does not find itself.
        var plus = await emu.PostCasAsync(Form(("username", "bob"), ("password", "bob-pw"), ("duration", "PT1H"), ("roleArn", OddRole)));
        var exact = await emu.PostCasAsync(Form(("username", "bob"), ("password", "bob-pw"), ("duration", "PT1H"), ("roleArn", AdminRole)));

        Assert.Equal(HttpStatusCode.InternalServerError, partial.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, plus.Status);
        Assert.StartsWith("Specified role is not allowed. Current roles:[", plus.Body);
        Assert.Equal(HttpStatusCode.OK, exact.Status);
    }

    [Theory]
    [InlineData("6.4")]
    [InlineData("7.1")]
    [InlineData("7.2")]
    [InlineData("newest")]
    public async Task Every_version_lists_several_roles_with_a_space_and_refuses_with_none(string version)
    {
        await using var emu = await StartAsync(version);

        var several = await emu.PostCasAsync(Form(("username", "bob"), ("password", "bob-pw"), ("duration", "PT1H")));
        var none = await emu.PostCasAsync(Form(("username", "bob"), ("password", "bob-pw"), ("duration", "PT1H"), ("roleArn", "arn:aws:iam::123456789012:role/Other")));

        Assert.Equal($"Found multiple roles and none is specified. Current roles: [{DeveloperRole}, {AdminRole}, {OddRole}]", several.Body);
        Assert.Equal($"Specified role is not allowed. Current roles:[{DeveloperRole}, {AdminRole}, {OddRole}]", none.Body);
    }

    [Fact]
    public async Task Newest_matches_roleArn_exactly()
    {
        await using var emu = await StartAsync("newest");

        var partial = await emu.PostCasAsync(Form(("username", "bob"), ("password", "bob-pw"), ("duration", "PT1H"), ("roleArn", "CasAdmin")));
        var plus = await emu.PostCasAsync(Form(("username", "bob"), ("password", "bob-pw"), ("duration", "PT1H"), ("roleArn", OddRole)));

        Assert.Equal(HttpStatusCode.Unauthorized, partial.Status);
        Assert.Equal($"Specified role is not allowed. Current roles:[{DeveloperRole}, {AdminRole}, {OddRole}]", partial.Body);
        Assert.Equal(HttpStatusCode.OK, plus.Status);
    }

    [Theory]
    [InlineData("6.4")]
    [InlineData("7.2")]
    public async Task Legacy_versions_take_a_single_role_users_roleArn_unchecked(string version)
    {
        await using var emu = await StartAsync(version);

        // alice has only CasAdmin, yet CAS assumes whatever she names (with its own keys).
        var (status, body, _) = await emu.PostCasAsync(Form(("username", "alice"), ("password", "alice-pw"), ("duration", "PT1H"), ("roleArn", DeveloperRole)));

        Assert.Equal(HttpStatusCode.OK, status);
        var identity = await emu.StsClientFor(ParseIni(body)).GetCallerIdentityAsync(new());
        Assert.Contains(":assumed-role/CasDeveloper/", identity.Arn);
    }

    [Fact]
    public async Task Newest_refuses_a_single_role_users_other_roleArn()
    {
        await using var emu = await StartAsync("newest");

        var (status, body, _) = await emu.PostCasAsync(Form(("username", "alice"), ("password", "alice-pw"), ("duration", "PT1H"), ("roleArn", DeveloperRole)));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal($"Specified role is not allowed. Current roles:[{AdminRole}]", body);
    }

    [Theory]
    [InlineData("7.2")]
    [InlineData("6.4")]
    public async Task RoleArn_is_a_request_parameter_so_the_query_string_carries_it_in_every_version(string version)
    {
        await using var emu = await StartAsync(version);

        var (status, body, _) = await emu.PostCasAsync(Form(("username", "bob"), ("password", "bob-pw"), ("duration", "PT1H")), query: "?roleArn=" + Uri.EscapeDataString(AdminRole));

        Assert.Equal(HttpStatusCode.OK, status);
        var identity = await emu.StsClientFor(ParseIni(body)).GetCallerIdentityAsync(new());
        Assert.Contains(":assumed-role/CasAdmin/", identity.Arn);
    }

    [Fact]
    public async Task Cas_7_ignores_a_duration_in_the_query_string()
    {
        await using var emu = await StartAsync("7.2");

        // Without a form duration, 7.x uses PT15S, whatever the query string says.
        var (status, _, _) = await emu.PostCasAsync(Form(("username", "casuser"), ("password", "Mellon")), query: "?duration=PT1H");

        Assert.Equal(HttpStatusCode.InternalServerError, status);
    }

    [Theory]
    [InlineData("6.4", HttpStatusCode.InternalServerError)] // StringUtils.defaultString keeps "", which STS refuses
    [InlineData("7.2", HttpStatusCode.OK)]                  // StringUtils.defaultIfBlank falls back to the one role
    public async Task An_empty_roleArn_for_a_single_role_user_depends_on_the_version(string version, HttpStatusCode expected)
    {
        await using var emu = await StartAsync(version);

        var (status, _, _) = await emu.PostCasAsync(Form(("username", "alice"), ("password", "alice-pw"), ("duration", "PT1H"), ("roleArn", "")));

        Assert.Equal(expected, status);
    }

    [Theory]
    [InlineData("7.2", HttpStatusCode.InternalServerError, null)]
    [InlineData("newest", HttpStatusCode.Unauthorized, "No roles are available for the authenticated principal")]
    public async Task Role_mode_for_a_user_without_roles_when_the_rule_lets_everyone_in(string version, HttpStatusCode expected, string? body)
    {
        await using var emu = await StartAsync(version, server => server.PrincipalAttributeName = "");

        var response = await emu.PostCasAsync(Form(("username", "carol"), ("password", "carol-pw"), ("duration", "PT1H")));

        Assert.Equal(expected, response.Status);
        if (body is not null) Assert.Equal(body, response.Body);
    }

    [Fact]
    public async Task Without_an_attribute_name_there_is_no_authorization_rule()
    {
        await using var emu = await TestEmulator.StartAsync(c => c.CasServers[1].PrincipalAttributeName = "");

        var (status, _, _) = await emu.PostCasAsync(Form(("username", "carol"), ("password", "carol-pw"), ("duration", "PT1H")), "cas-session");

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Without_an_attribute_value_the_attribute_only_has_to_exist()
    {
        await using var emu = await TestEmulator.StartAsync(c =>
        {
            c.CasServers[1].PrincipalAttributeValue = "";
            c.Users.Add(new CasAws.Emulator.Config.UserConfig { Username = "noattr", Password = "noattr-pw" });
        });

        var carol = await emu.PostCasAsync(Form(("username", "carol"), ("password", "carol-pw"), ("duration", "PT1H")), "cas-session");
        var noAttribute = await emu.PostCasAsync(Form(("username", "noattr"), ("password", "noattr-pw"), ("duration", "PT1H")), "cas-session");

        Assert.Equal(HttpStatusCode.OK, carol.Status);
        Assert.Equal("Authorization failure", noAttribute.Body);
    }

    [Fact]
    public async Task The_endpoint_path_is_configurable()
    {
        await using var emu = await StartAsync("7.2", server =>
        {
            server.BasePath = "/idp";
            server.EndpointPath = "custom/aws";
        });

        var (status, _, _) = await emu.PostCasAsync(Form(("username", "casuser"), ("password", "Mellon"), ("duration", "PT1H")));
        using var old = await emu.Http.PostAsync("/cas/actuator/awsSts", new FormUrlEncodedContent(Form(("username", "casuser"))));

        Assert.Equal("/idp/custom/aws", emu.CasPath());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
    }

    [Fact]
    public async Task A_configured_region_is_echoed()
    {
        await using var emu = await StartAsync("7.2", server => server.Region = "ap-southeast-2");

        var (_, body, _) = await emu.PostCasAsync(Form(("username", "casuser"), ("password", "Mellon"), ("duration", "PT1H")));

        Assert.EndsWith("\nregion=ap-southeast-2\n", body);
    }
}
