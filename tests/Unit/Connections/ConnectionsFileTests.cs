using CasAws.Cas;
using CasAws.Connections;
using CasAws.Json;

namespace CasAws.Tests.Connections;

/// <summary>The saved-connections file round-trips every field through both platform readers, and skips entries out of shape.</summary>
public class ConnectionsFileTests
{
    private static SavedConnection Oidc() => new SavedConnection
    {
        Name = "oidc-work",
        Server = "https://sso.example.org/cas",
        OpenIdConnect = true,
        ClientId = "casaws-admins",
        Issuer = "https://login.example.org/cas/oidc",
        RoleClaim = "groups",
        RoleArn = "arn:aws:iam::123456789012:role/Admin",
        Duration = TimeSpan.FromHours(2),
    };

    private static SavedConnection Password() => new SavedConnection
    {
        Name = "work",
        Server = "https://sso.example.org/cas",
        UserName = "grace",
        MfaProvider = CasMfaProvider.GoogleAuthenticator,
        MfaAccount = "1",
        Service = "https://app.example.org/",
        CaBundlePath = "/etc/ssl/corp.pem",
        Proxy = "http://proxy.example.org:3128/",
    };

    public static TheoryData<string> Readers => new TheoryData<string> { "System.Text.Json", "DataContractJson" };

    /// <summary>
    /// Parse uses the reader of the platform it runs on (System.Text.Json here); for the Windows PowerShell 5.1
    /// reader, its raw fields must equal System.Text.Json's, so the same entries come out.
    /// </summary>
    private static ParsedConnections Parse(string reader, string json)
    {
        if (reader == "DataContractJson")
        {
            ConnectionsFile.RawDocument desktop = ConnectionsFile.ToRaw(PlatformJson.ParseWithDataContractJson(json));
            ConnectionsFile.RawDocument core = ConnectionsFile.ToRaw(PlatformJson.ParseWithSystemTextJson(json));
            Assert.Equal(core.Default, desktop.Default);
            Assert.Equal(core.Connections.Count, desktop.Connections.Count);
            for (int i = 0; i < core.Connections.Count; i++)
                Assert.Equal(core.Connections[i].OrderBy(f => f.Key, StringComparer.Ordinal), desktop.Connections[i].OrderBy(f => f.Key, StringComparer.Ordinal));
        }

        return ConnectionsFile.Parse(json);
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void Every_field_round_trips_including_the_OpenID_Connect_settings(string reader)
    {
        string json = ConnectionsFile.Serialize(new[] { Oidc(), Password() }, "oidc-work");
        ParsedConnections parsed = Parse(reader, json);

        Assert.Equal("oidc-work", parsed.DefaultName);
        Assert.Equal(0, parsed.Skipped);
        SavedConnection oidc = parsed.Connections[0], password = parsed.Connections[1];
        Assert.True(oidc.OpenIdConnect);
        Assert.Equal("casaws-admins", oidc.ClientId);
        Assert.Equal("https://login.example.org/cas/oidc", oidc.Issuer);
        Assert.Equal("groups", oidc.RoleClaim);
        Assert.Equal("arn:aws:iam::123456789012:role/Admin", oidc.RoleArn);
        Assert.Equal(TimeSpan.FromHours(2), oidc.Duration);
        Assert.False(password.OpenIdConnect);
        Assert.Null(password.ClientId);
        Assert.Null(password.Issuer);
        Assert.Equal(CasMfaProvider.GoogleAuthenticator, password.MfaProvider);
        Assert.Equal("grace", password.UserName);
        Assert.Equal("1", password.MfaAccount);
        Assert.Equal("https://app.example.org/", password.Service);
        Assert.Equal("/etc/ssl/corp.pem", password.CaBundlePath);
        Assert.Equal("http://proxy.example.org:3128/", password.Proxy);
    }

    [Fact]
    public void A_password_connection_writes_no_OpenID_Connect_fields()
    {
        string json = ConnectionsFile.Serialize(new[] { Password() }, null);
        Assert.DoesNotContain("openIdConnect", json);
        Assert.DoesNotContain("clientId", json);
        Assert.DoesNotContain("issuer", json);
    }

    [Theory]
    [InlineData("\"openIdConnect\": \"yes\"")]
    [InlineData("\"issuer\": \"not a url\"")]
    [InlineData("\"mfaProvider\": \"Sms\"")]
    [InlineData("\"durationSeconds\": \"-5\"")]
    public void An_entry_with_a_value_out_of_shape_is_skipped_and_counted(string field)
    {
        string json = "{\"version\":1,\"connections\":[{\"name\":\"bad\",\"server\":\"https://sso.example.org/cas\"," + field + "},"
            + "{\"name\":\"good\",\"server\":\"https://sso.example.org/cas\"}]}";
        ParsedConnections parsed = ConnectionsFile.Parse(json);
        Assert.Equal(1, parsed.Skipped);
        Assert.Equal("good", Assert.Single(parsed.Connections).Name);
    }
}
