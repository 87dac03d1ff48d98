using System.Security;
using CasAws.Cas;
using CasAws.Credentials;
using CasAws.Errors;
using CasAws.Session;
using CasAws.Tests.Cas;

namespace CasAws.Tests.Cmdlets;

public class CasCredentialServiceTests
{
    private const string Body = "[default]\naws_access_key_id=ASIAEXAMPLE000002\naws_secret_access_key=s/e+c=EXAMPLEKEY0000\naws_session_token=t/o+k=EXAMPLETOKEN000\nregion=aws-global\n";
    private const string Role = "arn:aws:iam::111111111111:role/Dev";

    private static CasAwsSession SessionFor(Uri server)
    {
        var password = new SecureString();
        foreach (char c in "pw") password.AppendChar(c);
        return new CasAwsSession(new CasConnectionSettings(server), "jdoe", password, TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task Concurrent_requests_for_the_same_credentials_make_one_CAS_call()
    {
        using var server = new CannedHttpServer(200, "text/plain", Body, delay: TimeSpan.FromMilliseconds(400));
        var service = new CasCredentialService(SessionFor(server.BaseUri));

        CredentialResult[] results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => service.GetCredentialAsync(new CredentialRequest(TimeSpan.FromHours(1)) { RoleArn = Role }, CancellationToken.None))));

        Assert.Single(server.RequestBodies);
        Assert.Equal(3, results.Count(r => r.FromCache));
        Assert.Single(results.Select(r => r.Credential).Distinct());
    }

    [Fact]
    public async Task Force_always_calls_CAS_and_the_credential_carries_what_is_known()
    {
        using var server = new CannedHttpServer(200, "text/plain", Body);
        var service = new CasCredentialService(SessionFor(server.BaseUri));
        DateTime before = DateTime.UtcNow;

        CredentialResult first = await service.GetCredentialAsync(new CredentialRequest(TimeSpan.FromHours(2)) { RoleArn = Role }, CancellationToken.None);
        CredentialResult forced = await service.GetCredentialAsync(new CredentialRequest(TimeSpan.FromHours(2)) { RoleArn = Role, Force = true }, CancellationToken.None);

        Assert.Equal(2, server.RequestBodies.Count);
        Assert.False(forced.FromCache);
        Assert.Equal("111111111111", first.Credential.AccountId);
        Assert.Equal(Role, first.Credential.AssumedRoleArn);
        Assert.Null(first.Credential.Region);
        Assert.InRange(first.Credential.Expiration, before.AddHours(2), DateTime.UtcNow.AddHours(2));
        Assert.DoesNotContain("s/e+c=", first.Credential.ToString());
    }

    [Fact]
    public async Task Authentication_failed_drops_the_password_so_it_is_not_sent_again()
    {
        using var server = new CannedHttpServer(401, "text/plain", "Authentication failed");
        var session = SessionFor(server.BaseUri);
        var service = new CasCredentialService(session);

        var first = await Assert.ThrowsAsync<CasAwsException>(() => service.GetCredentialAsync(new CredentialRequest(TimeSpan.FromHours(1)), CancellationToken.None));
        var second = await Assert.ThrowsAsync<CasAwsException>(() => service.GetCredentialAsync(new CredentialRequest(TimeSpan.FromHours(1)), CancellationToken.None));

        Assert.Equal(ErrorIds.CasAuthenticationFailed, first.ErrorId);
        Assert.Equal(ErrorIds.SessionPasswordRejected, second.ErrorId);
        Assert.Single(server.RequestBodies);
    }

    [Fact]
    public async Task A_sink_sees_fresh_credentials_only()
    {
        using var server = new CannedHttpServer(200, "text/plain", Body);
        var sink = new RecordingSink();
        var service = new CasCredentialService(SessionFor(server.BaseUri), sink);

        await service.GetCredentialAsync(new CredentialRequest(TimeSpan.FromHours(1)) { RoleArn = Role }, CancellationToken.None);
        await service.GetCredentialAsync(new CredentialRequest(TimeSpan.FromHours(1)) { RoleArn = Role }, CancellationToken.None);

        CredentialOrigin origin = Assert.Single(sink.Seen);
        Assert.Equal((Role, "jdoe", TimeSpan.FromHours(1)), (origin.RoleArn, origin.UserName, origin.Duration));
    }

    [Fact]
    public async Task A_sink_that_fails_after_CAS_answered_costs_a_warning_not_the_credentials()
    {
        using var server = new CannedHttpServer(200, "text/plain", Body);
        var service = new CasCredentialService(SessionFor(server.BaseUri), new RecordingSink { Failure = new System.ComponentModel.Win32Exception(13, "The data is invalid (DPAPI)") });

        CredentialResult result = await service.GetCredentialAsync(new CredentialRequest(TimeSpan.FromHours(1)) { RoleArn = Role }, CancellationToken.None);

        Assert.Equal("ASIAEXAMPLE000002", result.Credential.AccessKey);
        Assert.Contains("DPAPI", Assert.Single(result.Warnings));
        Assert.DoesNotContain("s/e+c=", result.Warnings[0]);
    }

    private sealed class RecordingSink : ICredentialSink
    {
        public List<CredentialOrigin> Seen { get; } = new();

        public Exception? Failure { get; init; }

        public void Accept(CasAwsCredential credential, CredentialOrigin origin, Action<string> warn)
        {
            if (Failure != null) throw Failure;
            lock (Seen) Seen.Add(origin);
        }
    }

    [Fact]
    public async Task Credentials_asked_with_AWS_side_MFA_are_cached_apart_from_those_without()
    {
        using var server = new CannedHttpServer(200, "text/plain", Body);
        var service = new CasCredentialService(SessionFor(server.BaseUri));
        var token = new SecureString();
        foreach (char c in "123456") token.AppendChar(c);

        await service.GetCredentialAsync(new CredentialRequest(TimeSpan.FromHours(1)) { RoleArn = Role }, CancellationToken.None);
        CredentialResult withMfa = await service.GetCredentialAsync(
            new CredentialRequest(TimeSpan.FromHours(1)) { RoleArn = Role, Token = token, SerialNumber = "arn:aws:iam::111111111111:mfa/jdoe" }, CancellationToken.None);
        CredentialResult again = await service.GetCredentialAsync(
            new CredentialRequest(TimeSpan.FromHours(1)) { RoleArn = Role, Token = token, SerialNumber = "arn:aws:iam::111111111111:mfa/jdoe" }, CancellationToken.None);

        Assert.False(withMfa.FromCache);
        Assert.True(again.FromCache);
        Assert.Equal(2, server.RequestBodies.Count);
    }
}
