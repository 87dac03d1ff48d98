using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CasAws.Tests.Net;

/// <summary>
/// A private CA made for a test: a root, an intermediate it signs, and leaves the intermediate signs for
/// 127.0.0.1 (server authentication, client authentication only, code signing only, expired, another host).
/// The bundle a company hands out holds the root only; the server sends leaf and intermediate.
/// P-256 keys: what is tested is the chain, not the key type, and an RSA-2048 key took about 0.25 s to make.
/// </summary>
internal sealed class TestCertificateChain : IDisposable
{
    public const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuth = "1.3.6.1.5.5.7.3.2";
    public const string CodeSigning = "1.3.6.1.5.5.7.3.3";

    private readonly ECDsa _intermediateKey;

    public TestCertificateChain(string name = "CasAws Test")
    {
        using ECDsa rootKey = NewKey();
        var now = DateTimeOffset.UtcNow;
        var rootRequest = new CertificateRequest($"CN={name} Root CA", rootKey, HashAlgorithmName.SHA256);
        AddAuthority(rootRequest, pathLength: 1);
        Root = rootRequest.CreateSelfSigned(now.AddDays(-60), now.AddYears(1));

        _intermediateKey = NewKey();
        var intermediateRequest = new CertificateRequest($"CN={name} Issuing CA", _intermediateKey, HashAlgorithmName.SHA256);
        AddAuthority(intermediateRequest, pathLength: 0);
        using X509Certificate2 intermediate = intermediateRequest.Create(Root, now.AddDays(-60), now.AddMonths(6), Serial());
        Intermediate = intermediate.CopyWithPrivateKey(_intermediateKey);
    }

    public X509Certificate2 Root { get; }

    public X509Certificate2 Intermediate { get; }

    public string RootPem => Root.ExportCertificatePem() + "\n";

    /// <summary>A leaf with its private key, issued by the intermediate.</summary>
    public X509Certificate2 Leaf(string purpose = ServerAuth, string host = "127.0.0.1", bool expired = false)
    {
        using ECDsa key = NewKey();
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        if (IPAddress.TryParse(host, out IPAddress? address)) names.AddIpAddress(address);
        else names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid(purpose) }, false));
        var now = DateTimeOffset.UtcNow;
        DateTimeOffset from = expired ? now.AddDays(-30) : now.AddDays(-1);
        DateTimeOffset until = expired ? now.AddDays(-2) : now.AddMonths(1);
        using X509Certificate2 issued = request.Create(Intermediate, from, until, Serial());
        using X509Certificate2 withKey = issued.CopyWithPrivateKey(key);
        // A PKCS#12 round trip gives a key SslStream can use on every OS.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public void Dispose()
    {
        Root.Dispose();
        Intermediate.Dispose();
        _intermediateKey.Dispose();
    }

    private static void AddAuthority(CertificateRequest request, int pathLength)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, pathLength, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
    }

    private static ECDsa NewKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private static byte[] Serial() => RandomNumberGenerator.GetBytes(12);
}
