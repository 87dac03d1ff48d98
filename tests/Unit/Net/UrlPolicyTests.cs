using CasAws.Cache;
using CasAws.Cas;
using CasAws.Connections;
using CasAws.Errors;
using CasAws.Net;

namespace CasAws.Tests.Net;

/// <summary>
/// The one rule for where a secret may go (<see cref="UrlPolicy"/>), applied to every source of a server
/// URL or endpoint path: the settings every CAS call is made from, a saved connection, a helper argument.
/// </summary>
public sealed class UrlPolicyTests
{
    private static readonly Uri LocalCas = new("https://127.0.0.1:8443/cas");

    [Theory]
    [InlineData("https://sso.example.org/cas", nameof(UrlVerdict.Secure))]
    [InlineData("http://127.0.0.1:8080/cas", nameof(UrlVerdict.PlainHttpToLoopback))]
    [InlineData("http://[::1]:8080/cas", nameof(UrlVerdict.PlainHttpToLoopback))]
    [InlineData("http://sso.example.org/cas", nameof(UrlVerdict.PlainHttpToOtherHost))]
    [InlineData("https://bob:hunter2@sso.example.org/cas", nameof(UrlVerdict.HasUserInfo))]
    [InlineData("http://bob@127.0.0.1/cas", nameof(UrlVerdict.HasUserInfo))]
    [InlineData("ftp://sso.example.org/cas", nameof(UrlVerdict.NotHttpUrl))]
    [InlineData("sso.example.org/cas", nameof(UrlVerdict.NotHttpUrl))]
    public void Each_url_gets_one_verdict(string url, string expected)
    {
        Assert.Equal(expected, UrlPolicy.Check(url, out _).ToString());
    }

    [Theory]
    [InlineData("http://otherhost:9000/x")]
    [InlineData("https://otherhost/actuator/awsSts")]
    [InlineData("//otherhost/actuator/awsSts")]
    [InlineData("\\\\otherhost\\x")]
    [InlineData("https:otherhost/x")]
    [InlineData("actuator/awsSts\r\nX-Injected: 1")]
    [InlineData("actuator/\u001b]0;owned\u0007awsSts")]
    public void An_endpoint_path_that_leaves_the_server_is_refused_before_any_request(string endpointPath)
    {
        var refused = Assert.Throws<CasAwsException>(() => new CasConnectionSettings(LocalCas, endpointPath));

        Assert.Equal(ErrorIds.EndpointPathInvalid, refused.ErrorId);
        Assert.Equal(CasAwsErrorKind.InvalidArgument, refused.Kind);
        Assert.Equal(-1, CasAws.Validation.ControlCharacters.IndexOf(refused.Message));
    }

    [Theory]
    [InlineData(null, "https://127.0.0.1:8443/cas/actuator/awsSts")]
    [InlineData("actuator/awsSts", "https://127.0.0.1:8443/cas/actuator/awsSts")]
    [InlineData("custom/aws", "https://127.0.0.1:8443/cas/custom/aws")]
    [InlineData("/other-cas/actuator/awsSts", "https://127.0.0.1:8443/other-cas/actuator/awsSts")]
    public void An_endpoint_path_below_the_server_is_kept(string? endpointPath, string expected)
    {
        Assert.Equal(expected, new CasConnectionSettings(LocalCas, endpointPath).EndpointUri.AbsoluteUri);
    }

    [Fact]
    public void A_server_url_with_a_password_is_refused_and_the_password_never_repeated()
    {
        var refused = Assert.Throws<CasAwsException>(() => new CasConnectionSettings(new Uri("https://bob:hunter2@sso.example.org/cas")));

        Assert.Equal(ErrorIds.ServerUrlHasUserInfo, refused.ErrorId);
        Assert.False(refused.Message.Contains("hunter2", StringComparison.Ordinal), refused.Message);
        Assert.False((refused.Target?.ToString() ?? string.Empty).Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public void Plain_http_to_another_host_is_refused_wherever_settings_are_made()
    {
        var refused = Assert.Throws<CasAwsException>(() => new CasConnectionSettings(new Uri("http://sso.example.org/cas")));

        Assert.Equal(ErrorIds.InsecureServerUrl, refused.ErrorId);
    }

    [Theory]
    [InlineData("--endpoint-path", "http://otherhost:9000/x")]
    [InlineData("--endpoint-path", "//otherhost/x")]
    [InlineData("--server", "https://bob:hunter2@sso.example.org/cas")]
    [InlineData("--server", "http://sso.example.org/cas")]
    [InlineData("--proxy", "not a url")]
    [InlineData("--proxy", "http://user:pw@proxy.example.org:3128")]
    [InlineData("--timeout", "2147483647")]
    [InlineData("--user", "bob\u001b]0;owned\u0007")]
    [InlineData("--ca-bundle", "/tmp/x\u009b31m")]
    public void A_helper_argument_gets_the_check_its_parameter_gets_before_any_prompt(string name, string value)
    {
        string[] args = name == "--server"
            ? new[] { "--profile", "dev", name, value }
            : new[] { "--profile", "dev", "--server", "https://sso.example.org/cas", name, value };

        Assert.False(CredentialProcessArguments.TryParse(args, out _, out string? problem));
        Assert.Contains(name, problem);
        Assert.False(problem!.Contains("hunter2", StringComparison.Ordinal), problem);
        Assert.False(problem.Contains('\u001b'), "the message holds an escape character");
    }

    [Theory]
    [InlineData("endpointPath", "http://otherhost:9000/x")]
    [InlineData("server", "https://bob:hunter2@sso.example.org/cas")]
    [InlineData("issuer", "http://sso.example.org/cas/oidc")]
    [InlineData("userName", "bob\u001b[2J")]
    [InlineData("proxy", "not a url")]
    public void A_saved_connection_with_a_value_its_parameter_would_refuse_is_not_used(string field, string value)
    {
        string escaped = value.Replace("\u001b", "\\u001b");
        string server = field == "server" ? escaped : "https://sso.example.org/cas";
        string other = field == "server" ? string.Empty : ",\"" + field + "\":\"" + escaped + "\"";
        string json = "{\"version\":1,\"connections\":[{\"name\":\"work\",\"server\":\"" + server + "\"" + other + "}]}";

        ParsedConnections parsed = ConnectionsFile.Parse(json);

        Assert.Empty(parsed.Connections);
        Assert.Equal(1, parsed.Skipped);
    }

    [Fact]
    public void The_sts_endpoint_variable_follows_the_same_rule()
    {
        var refused = Assert.Throws<ArgumentException>(() => CasAws.Aws.StsEndpointResolver.Resolve(null, null, null, null,
            name => name == "AWS_ENDPOINT_URL_STS" ? "https://key:secret@sts.example.org" : null));

        Assert.False(refused.Message.Contains("secret", StringComparison.Ordinal), refused.Message);
    }

    [Fact]
    public void Aws_calls_never_inherit_a_skipped_certificate_check_and_honour_AWS_CA_BUNDLE()
    {
        using var bundle = new TempPem();
        var session = new TransportSettings { SkipCertificateCheck = true, Proxy = new Uri("http://proxy.example.org:3128") };

        TransportSettings aws = TransportSettings.ForAws(new TransportSettings(), session, name => name == TransportSettings.AwsCaBundleVariable ? bundle.Path : null);

        Assert.False(aws.SkipCertificateCheck);
        Assert.Equal(bundle.Path, aws.CaBundlePath);
        Assert.Equal(session.Proxy, aws.Proxy);
    }

    [Fact]
    public void An_AWS_CA_BUNDLE_that_is_no_bundle_is_CaBundleUnreadable()
    {
        var refused = Assert.Throws<CasAwsException>(() =>
            TransportSettings.ForAws(new TransportSettings(), null, name => name == TransportSettings.AwsCaBundleVariable ? "/nonexistent/ca.pem" : null));

        Assert.Equal(ErrorIds.CaBundleUnreadable, refused.ErrorId);
    }

    [Fact]
    public void A_ca_bundle_larger_than_any_bundle_is_refused_without_reading_it_all()
    {
        // Stands for /dev/zero or a named pipe, which main read until memory ran out.
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "casaws-test-" + Guid.NewGuid().ToString("N") + ".pem");
        try
        {
            using (var file = File.Create(path)) file.SetLength(CertificateBundle.MaxBundleBytes + 1);

            var refused = Assert.Throws<CasAwsException>(() => CertificateBundle.Checked(path, path, "--ca-bundle"));

            Assert.Equal(ErrorIds.CaBundleUnreadable, refused.ErrorId);
            Assert.Contains("larger than", refused.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private sealed class TempPem : IDisposable
    {
        public TempPem()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "casaws-test-" + Guid.NewGuid().ToString("N") + ".pem");
            using var key = System.Security.Cryptography.RSA.Create(2048);
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=CasAws test CA", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            File.WriteAllText(Path, certificate.ExportCertificatePem());
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
