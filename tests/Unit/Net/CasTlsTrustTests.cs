using System.Security;
using System.Security.Cryptography.X509Certificates;
using CasAws.Cas;

namespace CasAws.Tests.Net;

/// <summary>
/// -CaBundlePath with a company CA: the bundle holds the root only; the server sends its leaf and the
/// intermediate. The platform's chain engine decides in custom-root mode: purpose, dates and host name count.
/// </summary>
public sealed class CasTlsTrustTests : IDisposable
{
    private readonly TestCertificateChain _ca = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("casaws-tests-tls-").FullName;

    public void Dispose()
    {
        _ca.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_server_leaf_under_the_bundles_root_is_trusted_with_the_intermediate_the_server_sends()
    {
        using var server = new LoopbackTlsServer(_ca.Leaf(), _ca.Intermediate);

        CasAnswer answer = await SendAsync(server.BaseUri, WriteBundle("root.pem", _ca.RootPem));

        Assert.Equal(CasAnswerKind.AuthorizationFailure, answer.Kind);
    }

    [Theory]
    [InlineData(TestCertificateChain.ClientAuth)]
    [InlineData(TestCertificateChain.CodeSigning)]
    public async Task A_leaf_not_issued_for_server_authentication_is_refused(string purpose)
    {
        using var server = new LoopbackTlsServer(_ca.Leaf(purpose), _ca.Intermediate);

        // Root and intermediate in the bundle: the chain itself is complete, only the purpose is wrong.
        CasAnswer answer = await SendAsync(server.BaseUri, WriteBundle("chain.pem", _ca.RootPem + _ca.Intermediate.ExportCertificatePem() + "\n"));

        Assert.Equal(CasAnswerKind.CertificateUntrusted, answer.Kind);
    }

    [Fact]
    public async Task An_expired_leaf_is_refused()
    {
        using var server = new LoopbackTlsServer(_ca.Leaf(expired: true), _ca.Intermediate);

        CasAnswer answer = await SendAsync(server.BaseUri, WriteBundle("root.pem", _ca.RootPem));

        Assert.Equal(CasAnswerKind.CertificateUntrusted, answer.Kind);
    }

    [Fact]
    public async Task A_leaf_for_another_host_is_refused()
    {
        using var server = new LoopbackTlsServer(_ca.Leaf(host: "sso.example.org"), _ca.Intermediate);

        CasAnswer answer = await SendAsync(server.BaseUri, WriteBundle("root.pem", _ca.RootPem));

        Assert.Equal(CasAnswerKind.CertificateUntrusted, answer.Kind);
    }

    [Fact]
    public async Task A_leaf_under_another_root_is_refused()
    {
        using var stranger = new TestCertificateChain("Stranger");
        using var server = new LoopbackTlsServer(stranger.Leaf(), stranger.Intermediate);

        CasAnswer answer = await SendAsync(server.BaseUri, WriteBundle("root.pem", _ca.RootPem));

        Assert.Equal(CasAnswerKind.CertificateUntrusted, answer.Kind);
    }

    [Fact]
    public async Task A_changed_bundle_file_is_read_again()
    {
        using var renewed = new TestCertificateChain("Renewed");
        using var server = new LoopbackTlsServer(renewed.Leaf(), renewed.Intermediate);
        string bundle = WriteBundle("company.pem", _ca.RootPem);
        Assert.Equal(CasAnswerKind.CertificateUntrusted, (await SendAsync(server.BaseUri, bundle)).Kind);

        // The company renews its CA and the user replaces the file; PowerShell keeps running.
        File.WriteAllText(bundle, _ca.RootPem + renewed.RootPem);

        Assert.Equal(CasAnswerKind.AuthorizationFailure, (await SendAsync(server.BaseUri, bundle)).Kind);
    }

    private string WriteBundle(string name, string pem)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, pem);
        return path;
    }

    /// <summary>A request as Connect-CasAws sends it, through the module's own client pool.</summary>
    internal static Task<CasAnswer> SendAsync(Uri server, string? bundle, Uri? proxy = null, string password = "pa=ss+/")
    {
        var settings = new CasConnectionSettings(server) { CaBundlePath = bundle, Proxy = proxy, Timeout = TimeSpan.FromSeconds(30) };
        return new CasStsClient(settings).SendAsync(new CasRequest("jdoe", Secure(password), TimeSpan.FromHours(1)), CancellationToken.None);
    }

    internal static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (char c in text) secure.AppendChar(c);
        return secure;
    }
}
