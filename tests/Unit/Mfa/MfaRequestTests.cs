using System.Security;
using System.Text;
using CasAws.Cas;
using CasAws.Credentials;
using CasAws.Errors;
using CasAws.Session;
using CasAws.Tests.Cas;

namespace CasAws.Tests.Mfa;

/// <summary>Each CAS MFA provider's code goes in its own field; a code is sent once; a missing code fails before CAS is called.</summary>
public class MfaRequestTests
{
    private const string Body = "[default]\naws_access_key_id=ASIAEXAMPLE000002\naws_secret_access_key=s/e+c=EXAMPLEKEY0000\naws_session_token=t/o+k=EXAMPLETOKEN000\nregion=aws-global\n";

    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (char c in text) secure.AppendChar(c);
        return secure;
    }

    private static string Form(CasRequest request) => Encoding.ASCII.GetString(request.EncodeForm());

    [Theory]
    [InlineData(CasMfaProvider.Duo, "passcode")]
    [InlineData(CasMfaProvider.GoogleAuthenticator, "gauthotp")]
    [InlineData(CasMfaProvider.YubiKey, "yubikeyotp")]
    [InlineData(CasMfaProvider.Simple, "sotp")]
    public void The_code_goes_in_the_providers_field_only(CasMfaProvider provider, string field)
    {
        var request = new CasRequest("u", Secure("p"), TimeSpan.FromHours(1)) { Passcode = Secure("cbdefghijklnrtuv"), MfaProvider = provider };
        var fields = System.Web.HttpUtility.ParseQueryString(Form(request));
        Assert.Equal("cbdefghijklnrtuv", fields[field]);
        Assert.Equal(4, fields.Count);
        Assert.Contains(field + "=(given)", request.Describe());
        Assert.DoesNotContain("cbdefghijklnrtuv", request.Describe());
    }

    [Fact]
    public void Account_provider_and_service_are_sent_for_their_provider()
    {
        var gauth = new CasRequest("u", Secure("p"), TimeSpan.FromHours(1)) { Passcode = Secure("123456") };
        new CasMfaOptions { Provider = CasMfaProvider.GoogleAuthenticator, Account = "42", Service = "https://app.example.org/a?b=c" }.ApplyTo(gauth);
        Assert.Equal("username=u&password=p&duration=3600&gauthotp=123456&gauthacct=42&service=https%3A%2F%2Fapp.example.org%2Fa%3Fb%3Dc", Form(gauth));

        var duo = new CasRequest("u", Secure("p"), TimeSpan.FromHours(1)) { DuoProviderId = "mfa-duo-admins", MfaAccount = "42" };
        Assert.Equal("username=u&password=p&duration=3600&provider=mfa-duo-admins", Form(duo));
    }

    private static (CannedHttpServer Server, CasAwsSession Session) Serve(int status, string body, CasMfaProvider provider)
    {
        var server = new CannedHttpServer(status, "text/plain", body);
        var session = new CasAwsSession(new CasConnectionSettings(server.BaseUri), "jdoe", Secure("pw"), TimeSpan.FromHours(1), new CasMfaOptions { Provider = provider });
        return (server, session);
    }

    [Theory]
    [InlineData(CasMfaProvider.GoogleAuthenticator)]
    [InlineData(CasMfaProvider.YubiKey)]
    [InlineData(CasMfaProvider.Simple)]
    public async Task A_provider_that_needs_a_code_fails_without_one_before_calling_CAS(CasMfaProvider provider)
    {
        var (server, session) = Serve(200, Body, provider);
        using (server)
        {
            var error = await Assert.ThrowsAsync<CasAwsException>(() => new CasCredentialService(session).GetCredentialAsync(new CredentialRequest(TimeSpan.FromHours(1)), CancellationToken.None));
            Assert.Equal(ErrorIds.MfaPasscodeRequired, error.ErrorId);
            Assert.Contains("-Passcode", error.Message);
            Assert.Contains(provider.DisplayName(), error.Message);
            Assert.Empty(server.RequestBodies);
            Assert.True(session.HasPassword);
        }
    }

    [Fact]
    public async Task A_code_is_sent_once_and_a_second_call_with_the_same_request_fails_before_CAS()
    {
        var (server, session) = Serve(200, Body, CasMfaProvider.GoogleAuthenticator);
        using (server)
        {
            var service = new CasCredentialService(session);
            var request = new CredentialRequest(TimeSpan.FromHours(1)) { Passcode = Secure("123456"), Force = true };
            await service.GetCredentialAsync(request, CancellationToken.None);
            Assert.True(request.PasscodeSent);
            var again = await Assert.ThrowsAsync<CasAwsException>(() => service.GetCredentialAsync(request, CancellationToken.None));
            Assert.Equal(ErrorIds.MfaPasscodeRequired, again.ErrorId);
            Assert.Contains("already", again.Message);
            Assert.Single(server.RequestBodies);
            Assert.Contains("gauthotp=123456", server.RequestBodies[0]);
        }
    }

    [Fact]
    public async Task A_Duo_passcode_is_not_resent_a_later_call_is_a_push()
    {
        var (server, session) = Serve(200, Body, CasMfaProvider.Duo);
        using (server)
        {
            var service = new CasCredentialService(session);
            var request = new CredentialRequest(TimeSpan.FromHours(1)) { Passcode = Secure("111111"), Force = true };
            await service.GetCredentialAsync(request, CancellationToken.None);
            await service.GetCredentialAsync(request, CancellationToken.None);
            Assert.Contains("passcode=111111", server.RequestBodies[0]);
            Assert.DoesNotContain("passcode", server.RequestBodies[1]);
        }
    }

    [Theory]
    [InlineData(false, "may require an MFA code")]
    [InlineData(true, "fresh code")]
    public async Task Authentication_failed_says_whether_an_MFA_code_may_be_missing(bool sendCode, string expected)
    {
        var (server, session) = Serve(401, "Authentication failed", CasMfaProvider.Duo);
        using (server)
        {
            var request = new CredentialRequest(TimeSpan.FromHours(1)) { Passcode = sendCode ? Secure("999999") : null };
            var error = await Assert.ThrowsAsync<CasAwsException>(() => new CasCredentialService(session).GetCredentialAsync(request, CancellationToken.None));
            Assert.Equal(ErrorIds.CasAuthenticationFailed, error.ErrorId);
            Assert.Contains(expected, error.Message);
            Assert.DoesNotContain("999999", error.Message);
            if (!sendCode) Assert.Contains("-MfaProvider", error.Message);
        }
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("2", false)]
    public async Task A_refused_Google_Authenticator_code_without_a_device_id_hints_at_MfaAccount(string? account, bool hint)
    {
        using var server = new CannedHttpServer(401, "text/plain", "Authentication failed");
        var session = new CasAwsSession(new CasConnectionSettings(server.BaseUri), "grace", Secure("pw"), TimeSpan.FromHours(1),
            new CasMfaOptions { Provider = CasMfaProvider.GoogleAuthenticator, Account = account });
        var request = new CredentialRequest(TimeSpan.FromHours(1)) { Passcode = Secure("123456") };
        var error = await Assert.ThrowsAsync<CasAwsException>(() => new CasCredentialService(session).GetCredentialAsync(request, CancellationToken.None));
        Assert.Equal(ErrorIds.CasAuthenticationFailed, error.ErrorId);
        Assert.Equal(hint, error.Message.Contains("-MfaAccount <id>", StringComparison.Ordinal));
        Assert.DoesNotContain("123456", error.Message);
    }
}
