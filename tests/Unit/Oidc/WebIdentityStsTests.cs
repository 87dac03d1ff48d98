using System.Net;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using CasAws.Tests.Emulator;

namespace CasAws.Tests.Oidc;

/// <summary>The STS double's AssumeRoleWithWebIdentity, called unsigned through the real AWS SDK.</summary>
public sealed class WebIdentityStsTests : IAsyncLifetime
{
    private TestEmulator _emu = null!;
    private AmazonSecurityTokenServiceClient _sts = null!;
    private string Issuer => _emu.Running.Endpoints.CasServers["cas"].OidcIssuerHttp!;

    public async Task InitializeAsync()
    {
        _emu = await TestEmulator.StartAsync();
        _sts = _emu.StsClient(new AnonymousAWSCredentials());
    }

    public async Task DisposeAsync()
    {
        _sts.Dispose();
        await _emu.DisposeAsync();
    }

    private async Task<string> IdTokenAsync(string user, string password, string clientId = "casaws")
    {
        using var browser = new BrowserStandIn();
        var client = new CodeFlowClient(Issuer, clientId);
        await browser.OpenAsync(client.AuthorizeUrl());
        var code = CodeFlowClient.Param((await browser.LoginAsync(user, password))!, "code")!;
        return (await client.RedeemAsync(_emu.Http, code)).Body.GetProperty("id_token").GetString()!;
    }

    private Task<AssumeRoleWithWebIdentityResponse> AssumeAsync(string token, string role = TestEmulator.DeveloperRole) =>
        _sts.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest { RoleArn = role, RoleSessionName = "bob", WebIdentityToken = token });

    private static async Task FailsAsync(Task call, string code, HttpStatusCode status)
    {
        var error = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => call);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(status, error.StatusCode);
    }

    [Fact]
    public async Task A_cas_id_token_assumes_a_role_that_trusts_the_provider()
    {
        var answer = await AssumeAsync(await IdTokenAsync("bob", "bob-pw"));

        Assert.Equal("bob", answer.SubjectFromWebIdentityToken);
        Assert.Equal("casaws", answer.Audience);
        Assert.Equal(Issuer["http://".Length..], answer.Provider);
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/CasDeveloper/bob", answer.AssumedRoleUser.Arn);
        using var withKeys = _emu.StsClient(new SessionAWSCredentials(answer.Credentials.AccessKeyId, answer.Credentials.SecretAccessKey, answer.Credentials.SessionToken));
        Assert.Equal(answer.AssumedRoleUser.Arn, (await withKeys.GetCallerIdentityAsync(new())).Arn);
    }

    [Fact]
    public async Task The_trust_policy_conditions_refuse_another_subject()
    {
        var token = await IdTokenAsync("bob", "bob-pw");
        await FailsAsync(AssumeAsync(token, "arn:aws:iam::123456789012:role/OidcAliceOnly"), "AccessDenied", HttpStatusCode.Forbidden);
        await FailsAsync(AssumeAsync(token, TestEmulator.ChainRole), "AccessDenied", HttpStatusCode.Forbidden);
        await AssumeAsync(await IdTokenAsync("alice", "alice-pw"), "arn:aws:iam::123456789012:role/OidcAliceOnly");
    }

    [Fact]
    public async Task An_expired_token_is_ExpiredTokenException()
    {
        var token = await IdTokenAsync("bob", "bob-pw");
        _emu.Running.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromSeconds(1));

        await FailsAsync(AssumeAsync(token), "ExpiredTokenException", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_changed_payload_or_garbage_is_InvalidIdentityToken()
    {
        var parts = (await IdTokenAsync("bob", "bob-pw")).Split('.');
        var claims = CodeFlowClient.Claims(string.Join('.', parts)).GetRawText().Replace("\"bob\"", "\"alice\"");
        var forged = parts[0] + "." + CasAws.Emulator.Oidc.Base64Url.Encode(System.Text.Encoding.UTF8.GetBytes(claims)) + "." + parts[2];

        await FailsAsync(AssumeAsync(forged), "InvalidIdentityToken", HttpStatusCode.BadRequest);
        await FailsAsync(AssumeAsync("not-a-jwt"), "InvalidIdentityToken", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_revoked_session_is_IDPRejectedClaim()
    {
        var token = await IdTokenAsync("bob", "bob-pw");
        using var response = await _emu.Http.PostAsync("/control/oidc/revoke?user=bob", null);

        await FailsAsync(AssumeAsync(token), "IDPRejectedClaim", HttpStatusCode.Forbidden);
    }
}
