using System.Net.Sockets;
using System.Text;
using CasAws.Cache;
using CasAws.CredentialProcess;
using CasAws.Tests.Cas;
using CasAws.Tests.Files;
using CasAws.Tests.Net;

namespace CasAws.Tests.CredentialProcess;

/// <summary>
/// The helper's silent renewal from a cached OpenID Connect login, in-process against STS doubles on
/// loopback: it uses the one AWS transport policy (no redirect followed with the id_token, AWS_CA_BUNDLE
/// checked) and caches only keys of AWS's shape.
/// </summary>
public sealed class WebIdentityRenewalTests : IDisposable
{
    private const string Role = "arn:aws:iam::111111111111:role/Dev";
    private const string IdToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJl";

    private readonly TempDirectory _cache = new();
    private readonly CredentialCacheStore _store;
    private readonly string _server = "https://sso-" + Guid.NewGuid().ToString("N")[..8] + ".example.org/cas";

    public WebIdentityRenewalTests()
    {
        _store = new CredentialCacheStore(Path.Combine(_cache.Path, "credentials"));
        WebIdentityTokenCache.Write(new CachedWebIdentity(_server, "bob", IdToken, DateTime.UtcNow.AddHours(1)));
    }

    public void Dispose()
    {
        WebIdentityTokenCache.DeleteIfHolds(_server, IdToken);
        _cache.Dispose();
    }

    private static string AnswerXml(string accessKeyId) =>
        "<AssumeRoleWithWebIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleWithWebIdentityResult><Credentials>"
        + "<AccessKeyId>" + accessKeyId + "</AccessKeyId><SecretAccessKey>s/e+c=EXAMPLEKEY0007</SecretAccessKey><SessionToken>t/o+k=EXAMPLETOKEN007</SessionToken>"
        + "<Expiration>" + DateTime.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ") + "</Expiration></Credentials></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>";

    private bool Renew(Uri sts, out string? problem, string? caBundle = null)
    {
        Assert.True(CredentialProcessArguments.TryParse(new[] { "--profile", "dev", "--server", _server, "--role-arn", Role }, out CredentialProcessArguments? arguments, out string? usage), usage);
        return WebIdentityRenewal.TryRenew(arguments!, _store, DateTime.UtcNow,
            name => name switch { "AWS_ENDPOINT_URL_STS" => sts.AbsoluteUri, "AWS_CA_BUNDLE" => caBundle, _ => null },
            out problem);
    }

    [Fact]
    public void Renewal_caches_keys_from_STS()
    {
        using var sts = new CannedHttpServer(200, "text/xml", AnswerXml("ASIAEXAMPLE000007"));

        Assert.True(Renew(sts.BaseUri, out string? problem), problem);

        Assert.Equal("ASIAEXAMPLE000007", _store.Read("dev")!.AccessKeyId);
        Assert.Contains("WebIdentityToken=" + Uri.EscapeDataString(IdToken), Assert.Single(sts.RequestBodies));
    }

    [Fact]
    public void A_redirect_is_not_followed_so_the_id_token_goes_nowhere_else()
    {
        using var elsewhere = new CannedHttpServer(200, "text/xml", AnswerXml("ASIAEXAMPLE000006"));
        using var sts = new RedirectingServer(elsewhere.BaseUri);

        Assert.False(Renew(sts.BaseUri, out _));

        Assert.Empty(elsewhere.RequestBodies);
        Assert.Null(_store.Read("dev"));
    }

    [Fact]
    public void Keys_out_of_AWS_shape_are_not_cached()
    {
        using var sts = new CannedHttpServer(200, "text/xml", AnswerXml("ASIA EXAMPLE 00004"));

        Assert.False(Renew(sts.BaseUri, out string? problem));

        Assert.Contains("not in AWS's shape", problem);
        Assert.Null(_store.Read("dev"));
    }

    [Fact]
    public void An_AWS_CA_BUNDLE_that_cannot_be_read_stops_the_renewal_before_any_request()
    {
        using var sts = new CannedHttpServer(200, "text/xml", AnswerXml("ASIAEXAMPLE000005"));

        Assert.False(Renew(sts.BaseUri, out string? problem, caBundle: "/nonexistent/casaws-ca.pem"));

        Assert.Contains("AWS_CA_BUNDLE", problem);
        Assert.Empty(sts.RequestBodies);
    }

    /// <summary>Answers every request with 307 to another server, as a hijacked or misconfigured endpoint would.</summary>
    private sealed class RedirectingServer : LoopbackTcpServer
    {
        private readonly Uri _target;

        public RedirectingServer(Uri target)
        {
            _target = target;
            Start();
        }

        public Uri BaseUri => new($"http://127.0.0.1:{Port}/");

        protected override async Task ServeAsync(TcpClient client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                _ = await stream.ReadAsync(new byte[16384], Stopping);
                byte[] answer = Encoding.ASCII.GetBytes($"HTTP/1.1 307 Temporary Redirect\r\nLocation: {_target.AbsoluteUri}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(answer, Stopping);
            }
            catch (Exception)
            {
                // the client hung up or the server is stopping
            }
        }
    }
}
