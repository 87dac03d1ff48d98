using System.Text.Json;
using CasAws.Cas;
using CasAws.Connections;
using CasAws.Errors;
using CasAws.Tests.Net;

namespace CasAws.Tests.Connections;

/// <summary>An organisation's published connection file (issue 22, item 5): checked like parameters, never holding a secret.</summary>
public sealed class PublishedConnectionTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "casaws-published-" + Guid.NewGuid().ToString("N"));
    private readonly TestCertificateChain chain = new();

    public PublishedConnectionTests() => Directory.CreateDirectory(directory);

    public void Dispose()
    {
        chain.Dispose();
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }

    private static string Json(object file) => JsonSerializer.Serialize(file);

    private static PublishedConnection Parse(object file, string? name = null) => PublishedConnection.Parse(Json(file), "connection.json", null, name);

    private static CasAwsException Refused(object file) => Assert.Throws<CasAwsException>(() => Parse(file));

    [Fact]
    public void Every_setting_of_the_format_is_read()
    {
        var published = Parse(new Dictionary<string, object>
        {
            ["version"] = 1,
            ["name"] = "university",
            ["server"] = "https://sso.example.edu/cas/",
            ["endpointPath"] = "custom/awsSts",
            ["mfaProvider"] = "YubiKey",
            ["duoProviderId"] = "mfa-duo-2",
            ["service"] = "https://aws.example.edu",
            ["caBundle"] = chain.RootPem,
            ["proxy"] = "http://proxy.example.edu:3128",
            ["openIdConnect"] = true,
            ["clientId"] = "casaws-uni",
            ["issuer"] = "https://sso.example.edu/cas/oidc",
            ["roleClaim"] = "awsRoles",
            ["roleArn"] = "arn:aws:iam::123456789012:role/Dev",
            ["durationSeconds"] = 28800,
            ["accountAliases"] = new Dictionary<string, string> { ["123456789012"] = "research-prod", ["210987654321"] = "teaching" },
        });

        SavedConnection c = published.Connection;
        Assert.Equal(("university", "https://sso.example.edu/cas", "custom/awsSts"), (c.Name, c.Server, c.EndpointPath));
        Assert.Equal((CasMfaProvider.YubiKey, "mfa-duo-2", "https://aws.example.edu"), (c.MfaProvider, c.DuoProviderId, c.Service));
        Assert.Equal(("http://proxy.example.edu:3128/", true, "casaws-uni", "https://sso.example.edu/cas/oidc", "awsRoles"), (c.Proxy, c.OpenIdConnect, c.ClientId, c.Issuer, c.RoleClaim));
        Assert.Equal(("arn:aws:iam::123456789012:role/Dev", TimeSpan.FromHours(8)), (c.RoleArn, c.Duration));
        Assert.Equal("research-prod", c.AccountAliases["123456789012"]);
        Assert.Equal("teaching", c.AccountAliases["210987654321"]);
        Assert.Equal(chain.RootPem, published.CaBundlePem);
        Assert.Null(c.UserName);
    }

    [Fact]
    public void The_name_comes_from_the_parameter_then_the_file_then_the_server_s_host()
    {
        Assert.Equal("mine", Parse(new { name = "theirs", server = "https://sso.example.edu/cas" }, "mine").Connection.Name);
        Assert.Equal("theirs", Parse(new { name = "theirs", server = "https://sso.example.edu/cas" }).Connection.Name);
        Assert.Equal("sso.example.edu", Parse(new { server = "https://sso.example.edu/cas" }).Connection.Name);
    }

    [Theory]
    [InlineData("password")]
    [InlineData("casPassword")]
    [InlineData("client_secret")]
    [InlineData("Session-Token")]
    [InlineData("aws_secret_access_key")]
    [InlineData("passcode")]
    [InlineData("credential")]
    public void A_field_for_a_secret_refuses_the_whole_file_without_repeating_the_value(string field)
    {
        var failure = Refused(new Dictionary<string, object> { ["server"] = "https://sso.example.edu/cas", [field] = "Hunter2-value" });

        Assert.Equal(ErrorIds.ConnectionFileHoldsSecret, failure.ErrorId);
        Assert.Contains(field, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Hunter2-value", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_nested_in_an_object_or_a_private_key_in_the_bundle_refuses_the_file_too()
    {
        var nested = Refused(new { server = "https://sso.example.edu/cas", accountAliases = new Dictionary<string, object> { ["apiKey"] = "k" } });
        var key = Refused(new { server = "https://sso.example.edu/cas", caBundle = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n" });

        Assert.Equal(ErrorIds.ConnectionFileHoldsSecret, nested.ErrorId);
        Assert.Contains("accountAliases.apiKey", nested.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorIds.ConnectionFileHoldsSecret, key.ErrorId);
        Assert.DoesNotContain("MIIE", key.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Broken => new()
    {
        { """{"server":"http://sso.example.edu/cas"}""", "plain http" },
        { """{"server":"https://user:pw@sso.example.edu/cas"}""", "must not hold a user name" },
        { """{"name":"x"}""", "names no 'server'" },
        { """{"server":"https://sso.example.edu/cas","endpointPath":"https://evil.example.com/awsSts"}""", "endpoint" },
        { """{"server":"https://sso.example.edu/cas","mfaProvider":"Carrier pigeon"}""", "Duo, GoogleAuthenticator" },
        { """{"server":"https://sso.example.edu/cas","durationSeconds":60}""", "shorter than AWS STS allows" },
        { """{"server":"https://sso.example.edu/cas","proxy":"ftp://proxy"}""", "proxy" },
        { """{"server":"https://sso.example.edu/cas","accountAliases":{"12345":"lab"}}""", "12 digits" },
        { """{"server":"https://sso.example.edu/cas","accountAliases":{"123456789012":"Not An Alias"}}""", "IAM account alias" },
        { """{"server":"https://sso.example.edu/cas","serverr":"x"}""", "'serverr', which is not a connection setting" },
        { """{"server":"https://sso.example.edu/cas","clientId":"a\u001b[2Jb"}""", "control character" },
        { """{"server":"https://sso.example.edu/cas","version":2}""", "version is not 1" },
        { """{"server":"https://sso.example.edu/cas","roleArn":"Dev"}""", "IAM role ARN" },
        { """{"server":"https://sso.example.edu/cas","openIdConnect":"yes"}""", "true or false" },
        { """[1,2]""", "not a JSON object" },
        { """{"server":"https://sso.example.edu/cas","caBundlePath":"ca.pem"}""", "absolute path" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_setting_that_fails_its_rule_refuses_the_file_with_what_to_fix(string json, string says)
    {
        var failure = Assert.Throws<CasAwsException>(() => PublishedConnection.Parse(json, "connection.json", null, null));

        Assert.Equal(ErrorIds.ConnectionFileInvalid, failure.ErrorId);
        Assert.Contains(says, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', failure.Message);
    }

    [Fact]
    public void An_inline_bundle_that_is_not_PEM_is_refused_as_a_CA_bundle()
    {
        var failure = Refused(new { server = "https://sso.example.edu/cas", caBundle = "not a certificate" });

        Assert.Equal(ErrorIds.CaBundleUnreadable, failure.ErrorId);
    }

    [Fact]
    public void A_relative_caBundlePath_is_read_from_the_file_s_folder()
    {
        File.WriteAllText(Path.Combine(directory, "uni-ca.pem"), chain.RootPem);
        File.WriteAllText(Path.Combine(directory, "connection.json"), Json(new { server = "https://sso.example.edu/cas", caBundlePath = "uni-ca.pem" }));

        var published = PublishedConnectionImport.FromFile(Path.Combine(directory, "connection.json"), "connection.json", null);

        Assert.Equal(Path.Combine(directory, "uni-ca.pem"), published.Connection.CaBundlePath);
        Assert.Equal(ErrorIds.CaBundleUnreadable, Assert.Throws<CasAwsException>(() =>
            PublishedConnection.Parse(Json(new { server = "https://sso.example.edu/cas", caBundlePath = "missing.pem" }), "c.json", directory, null)).ErrorId);
    }

    [Fact]
    public void Saving_writes_the_inline_bundle_beside_the_settings_and_the_aliases_survive_a_reload()
    {
        var published = Parse(new { name = "uni", server = "https://sso.example.edu/cas", caBundle = chain.RootPem, accountAliases = new Dictionary<string, string> { ["123456789012"] = "research-prod" } });
        var store = new ConnectionStore(directory);

        ConnectionSaveResult saved = PublishedConnectionImport.Save(published, store, directory, CancellationToken.None);

        SavedConnection loaded = store.Load().Find("uni")!;
        Assert.Equal("uni", saved.Name);
        Assert.True(loaded.IsDefault);
        Assert.Equal(Path.Combine(directory, "ca-bundles", "uni.pem"), loaded.CaBundlePath);
        Assert.Equal(chain.RootPem, File.ReadAllText(loaded.CaBundlePath!));
        Assert.Equal("research-prod", loaded.AccountAliases["123456789012"]);
    }

    [Fact]
    public void A_file_larger_than_256_KB_is_not_read()
    {
        string path = Path.Combine(directory, "huge.json");
        File.WriteAllText(path, "{\"server\":\"https://sso.example.edu/cas\",\"service\":\"" + new string('a', 300 * 1024) + "\"}");

        Assert.Equal(ErrorIds.ConnectionFileUnreadable, Assert.Throws<CasAwsException>(() => PublishedConnectionImport.FromFile(path, "huge.json", null)).ErrorId);
    }
}
