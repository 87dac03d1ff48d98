using System.Net;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using static CasAws.Tests.Emulator.TestEmulator;

namespace CasAws.Tests.Emulator;

/// <summary>The STS double, driven by the real AWS SDK for .NET (its wire format, its signing).</summary>
public sealed class StsTests : IAsyncLifetime
{
    private const string CliUser = "cli/cli-user";
    private TestEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await TestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private static AWSCredentials Session(Amazon.SecurityToken.Model.Credentials c) => new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken);

    private static async Task<AmazonSecurityTokenServiceException> FailsAsync(Task call, string code, HttpStatusCode status)
    {
        var error = await Assert.ThrowsAnyAsync<AmazonSecurityTokenServiceException>(() => call);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(status, error.StatusCode);
        return error;
    }

    private Task<AssumeRoleResponse> AssumeAsync(AmazonSecurityTokenServiceClient client, string role, int? duration = null, string session = "test-session") =>
        client.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = role, RoleSessionName = session, DurationSeconds = duration });

    [Fact]
    public async Task GetCallerIdentity_names_an_iam_user_by_its_arn_with_path()
    {
        var identity = await _emu.StsClientFor(CliUser).GetCallerIdentityAsync(new());

        Assert.Equal($"arn:aws:iam::{Account}:user/cli/cli-user", identity.Arn);
        Assert.Equal(Account, identity.Account);
        Assert.Matches("^AIDA[A-Z2-7]{17}$", identity.UserId);
    }

    [Fact]
    public async Task GetCallerIdentity_works_over_https_too()
    {
        var user = _emu.IamUser(CliUser);
        var config = new AmazonSecurityTokenServiceConfig { ServiceURL = _emu.Running.Endpoints.StsUrlHttps, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 };
        var certificate = _emu.Running.Certificate;
        config.HttpClientFactory = new TrustingHttpClientFactory(certificate);
        using var client = new AmazonSecurityTokenServiceClient(new BasicAWSCredentials(user.AccessKeyId, user.SecretAccessKey), config);

        var identity = await client.GetCallerIdentityAsync(new());

        Assert.EndsWith(":user/cli/cli-user", identity.Arn);
    }

    [Fact]
    public async Task GetSessionToken_keys_are_shaped_like_aws_and_act_as_the_iam_user()
    {
        var before = DateTimeOffset.UtcNow;
        var response = await _emu.StsClientFor(CliUser).GetSessionTokenAsync(new GetSessionTokenRequest { DurationSeconds = 900 });
        var c = response.Credentials;

        Assert.Matches("^ASIA[A-Z2-7]{16}$", c.AccessKeyId);
        Assert.Matches("^[A-Za-z0-9+/]{40}$", c.SecretAccessKey);
        Assert.True(c.SessionToken.Length > 300);
        Assert.InRange((c.Expiration!.Value.ToUniversalTime() - before.UtcDateTime).TotalSeconds, 895, 905);
        var identity = await _emu.StsClient(Session(c)).GetCallerIdentityAsync(new());
        Assert.Equal($"arn:aws:iam::{Account}:user/cli/cli-user", identity.Arn);
    }

    [Fact]
    public async Task GetSessionToken_defaults_to_twelve_hours()
    {
        var response = await _emu.StsClientFor(CliUser).GetSessionTokenAsync(new GetSessionTokenRequest());

        Assert.InRange((response.Credentials.Expiration!.Value.ToUniversalTime() - DateTime.UtcNow).TotalHours, 11.9, 12.1);
    }

    [Theory]
    [InlineData(899, "Member must have value greater than or equal to 900")]
    [InlineData(129601, "Member must have value less than or equal to 129600")]
    public async Task GetSessionToken_duration_bounds(int seconds, string message)
    {
        var error = await FailsAsync(_emu.StsClientFor(CliUser).GetSessionTokenAsync(new GetSessionTokenRequest { DurationSeconds = seconds }),
            "ValidationError", HttpStatusCode.BadRequest);

        Assert.Equal($"1 validation error detected: Value '{seconds}' at 'durationSeconds' failed to satisfy constraint: {message}", error.Message);
    }

    [Fact]
    public async Task GetSessionToken_with_session_credentials_is_denied()
    {
        var first = await _emu.StsClientFor(CliUser).GetSessionTokenAsync(new GetSessionTokenRequest());

        var error = await FailsAsync(_emu.StsClient(Session(first.Credentials)).GetSessionTokenAsync(new GetSessionTokenRequest()), "AccessDenied", HttpStatusCode.Forbidden);
        Assert.Equal("Cannot call GetSessionToken with session credentials", error.Message);
    }

    [Fact]
    public async Task AssumeRole_returns_the_assumed_role_user_and_keys_that_identify_as_it()
    {
        var response = await AssumeAsync(_emu.StsClientFor(CliUser), DeveloperRole, 1800, "me@example.org");

        Assert.Equal($"arn:aws:sts::{Account}:assumed-role/CasDeveloper/me@example.org", response.AssumedRoleUser.Arn);
        Assert.Matches("^AROA[A-Z2-7]{17}:me@example.org$", response.AssumedRoleUser.AssumedRoleId);
        var identity = await _emu.StsClient(Session(response.Credentials)).GetCallerIdentityAsync(new());
        Assert.Equal(response.AssumedRoleUser.Arn, identity.Arn);
        Assert.Equal(response.AssumedRoleUser.AssumedRoleId, identity.UserId);
        Assert.Equal(Account, identity.Account);
    }

    [Fact]
    public async Task AssumeRole_above_the_roles_maximum_is_a_validation_error()
    {
        var error = await FailsAsync(AssumeAsync(_emu.StsClientFor(CliUser), DeveloperRole, 14401), "ValidationError", HttpStatusCode.BadRequest);

        Assert.Equal("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.", error.Message);
    }

    [Theory]
    [InlineData(899)]
    [InlineData(43201)]
    public async Task AssumeRole_duration_model_bounds(int seconds)
    {
        var error = await FailsAsync(AssumeAsync(_emu.StsClientFor(CliUser), ChainRole, seconds), "ValidationError", HttpStatusCode.BadRequest);

        Assert.StartsWith($"1 validation error detected: Value '{seconds}' at 'durationSeconds'", error.Message);
    }

    [Fact]
    public async Task Role_chaining_is_capped_at_one_hour()
    {
        var first = await AssumeAsync(_emu.StsClientFor(CliUser), DeveloperRole);
        var chained = _emu.StsClient(Session(first.Credentials));

        var error = await FailsAsync(AssumeAsync(chained, ChainRole, 3601), "ValidationError", HttpStatusCode.BadRequest);
        var ok = await AssumeAsync(chained, ChainRole, 3600);

        Assert.Equal("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.", error.Message);
        Assert.Contains(":assumed-role/ChainTarget/", ok.AssumedRoleUser.Arn);
    }

    [Theory]
    [InlineData("a", "Member must have length greater than or equal to 2")]
    [InlineData("has space", @"Member must satisfy regular expression pattern: [\w+=,.@-]*")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345", "Member must have length less than or equal to 64")]
    public async Task RoleSessionName_must_fit_aws_pattern(string name, string constraint)
    {
        var error = await FailsAsync(AssumeAsync(_emu.StsClientFor(CliUser), DeveloperRole, session: name), "ValidationError", HttpStatusCode.BadRequest);

        Assert.Equal($"1 validation error detected: Value '{name}' at 'roleSessionName' failed to satisfy constraint: {constraint}", error.Message);
    }

    [Fact]
    public async Task Several_broken_parameters_are_reported_together()
    {
        var error = await FailsAsync(AssumeAsync(_emu.StsClientFor(CliUser), DeveloperRole, 10, "x"), "ValidationError", HttpStatusCode.BadRequest);

        Assert.StartsWith("2 validation errors detected: Value 'x' at 'roleSessionName'", error.Message);
        Assert.Contains("; Value '10' at 'durationSeconds'", error.Message);
    }

    [Fact]
    public async Task A_role_arn_of_the_wrong_shape_is_invalid()
    {
        var error = await FailsAsync(AssumeAsync(_emu.StsClientFor(CliUser), "arn:aws:s3:::some-bucket-name"), "ValidationError", HttpStatusCode.BadRequest);

        Assert.Equal("arn:aws:s3:::some-bucket-name is invalid", error.Message);
    }

    [Fact]
    public async Task An_untrusted_or_unknown_role_is_access_denied()
    {
        var untrusted = await FailsAsync(AssumeAsync(_emu.StsClientFor(CliUser), AdminRole), "AccessDenied", HttpStatusCode.Forbidden);
        await FailsAsync(AssumeAsync(_emu.StsClientFor(CliUser), "arn:aws:iam::123456789012:role/DoesNotExist"), "AccessDenied", HttpStatusCode.Forbidden);

        Assert.Equal($"User: arn:aws:iam::{Account}:user/cli/cli-user is not authorized to perform: sts:AssumeRole on resource: {AdminRole}", untrusted.Message);
    }

    [Fact]
    public async Task A_session_policy_must_be_json()
    {
        var client = _emu.StsClientFor(CliUser);

        var bad = await FailsAsync(client.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = DeveloperRole, RoleSessionName = "policy", Policy = "{not json" }), "MalformedPolicyDocument", HttpStatusCode.BadRequest);
        Assert.IsType<MalformedPolicyDocumentException>(bad); // the SDK knows AWS's error code
        var ok = await client.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = DeveloperRole, RoleSessionName = "policy", Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}""" });

        Assert.Equal("The policy is not in the valid JSON format.", bad.Message);
        Assert.Contains(":assumed-role/CasDeveloper/policy", ok.AssumedRoleUser.Arn);
    }

    [Fact]
    public async Task A_role_with_an_external_id_needs_it()
    {
        var client = _emu.StsClientFor(CliUser);

        await FailsAsync(AssumeAsync(client, ExternalRole), "AccessDenied", HttpStatusCode.Forbidden);
        await FailsAsync(client.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = ExternalRole, RoleSessionName = "ext", ExternalId = "wrong-id" }), "AccessDenied", HttpStatusCode.Forbidden);
        var ok = await client.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = ExternalRole, RoleSessionName = "ext", ExternalId = "casaws-external-id" });

        Assert.Contains(":assumed-role/ExternalPartner/ext", ok.AssumedRoleUser.Arn);
    }

    [Fact]
    public async Task Aws_mfa_is_checked_against_the_users_device()
    {
        var client = _emu.StsClientFor(CliUser);
        var serial = _emu.IamUser(CliUser).MfaSerialNumber;

        await FailsAsync(AssumeAsync(client, MfaRole), "AccessDenied", HttpStatusCode.Forbidden);
        var wrong = await FailsAsync(client.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = MfaRole, RoleSessionName = "mfa", SerialNumber = serial, TokenCode = "000000" }), "AccessDenied", HttpStatusCode.Forbidden);
        var code = _emu.AwsMfaCode(CliUser);
        var ok = await client.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = MfaRole, RoleSessionName = "mfa", SerialNumber = serial, TokenCode = code });
        var reused = await FailsAsync(client.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = MfaRole, RoleSessionName = "mfa", SerialNumber = serial, TokenCode = code }), "AccessDenied", HttpStatusCode.Forbidden);
        var shape = await FailsAsync(client.GetSessionTokenAsync(new GetSessionTokenRequest { SerialNumber = serial, TokenCode = string.Concat("12", "ab56") }), "ValidationError", HttpStatusCode.BadRequest);

        Assert.StartsWith("MultiFactorAuthentication failed with invalid MFA one time pass code.", wrong.Message);
        Assert.StartsWith("MultiFactorAuthentication failed with invalid MFA one time pass code.", reused.Message);
        Assert.Contains(":assumed-role/MfaRequired/mfa", ok.AssumedRoleUser.Arn);
        Assert.Contains("'tokenCode'", shape.Message);
    }

    [Fact]
    public async Task Session_keys_obtained_with_mfa_carry_it_into_AssumeRole()
    {
        var user = _emu.IamUser(CliUser);
        var session = await _emu.StsClientFor(CliUser).GetSessionTokenAsync(new GetSessionTokenRequest { SerialNumber = user.MfaSerialNumber, TokenCode = _emu.AwsMfaCode(CliUser) });

        var ok = await AssumeAsync(_emu.StsClient(Session(session.Credentials)), MfaRole);

        Assert.Contains(":assumed-role/MfaRequired/", ok.AssumedRoleUser.Arn);
    }

    [Fact]
    public async Task A_wrong_secret_is_SignatureDoesNotMatch()
    {
        var user = _emu.IamUser(CliUser);
        using var client = _emu.StsClient(new BasicAWSCredentials(user.AccessKeyId, new string('x', 40)));

        var error = await FailsAsync(client.GetCallerIdentityAsync(new()), "SignatureDoesNotMatch", HttpStatusCode.Forbidden);
        Assert.StartsWith("The request signature we calculated does not match the signature you provided.", error.Message);
    }

    [Fact]
    public async Task An_unknown_key_is_InvalidClientTokenId()
    {
        using var client = _emu.StsClient(new BasicAWSCredentials("AKIAUNKNOWNKEY000000", new string('x', 40)));

        var error = await FailsAsync(client.GetCallerIdentityAsync(new()), "InvalidClientTokenId", HttpStatusCode.Forbidden);
        Assert.Equal("The security token included in the request is invalid.", error.Message);
    }

    [Fact]
    public async Task Temporary_keys_need_their_own_session_token()
    {
        var c = (await _emu.StsClientFor(CliUser).GetSessionTokenAsync(new GetSessionTokenRequest())).Credentials;
        var other = (await _emu.StsClientFor(CliUser).GetSessionTokenAsync(new GetSessionTokenRequest())).Credentials;

        await FailsAsync(_emu.StsClient(new BasicAWSCredentials(c.AccessKeyId, c.SecretAccessKey)).GetCallerIdentityAsync(new()), "InvalidClientTokenId", HttpStatusCode.Forbidden);
        await FailsAsync(_emu.StsClient(new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, other.SessionToken)).GetCallerIdentityAsync(new()), "InvalidClientTokenId", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Expired_keys_are_ExpiredToken()
    {
        await using var emu = await TestEmulator.StartAsync();
        var c = (await emu.StsClientFor(CliUser).GetSessionTokenAsync(new GetSessionTokenRequest { DurationSeconds = 900 })).Credentials;

        using var advance = await emu.Http.PostAsync("/control/clock?advanceSeconds=901", null);
        var error = await FailsAsync(emu.StsClient(Session(c)).GetCallerIdentityAsync(new()), "ExpiredToken", HttpStatusCode.Forbidden);

        Assert.Equal(HttpStatusCode.OK, advance.StatusCode);
        Assert.Equal("The security token included in the request is expired", error.Message);
    }

    [Fact]
    public async Task AssumeRoleWithSaml_needs_no_signature_and_reads_the_role_pair_and_session_name()
    {
        using var client = _emu.StsClient(new AnonymousAWSCredentials());
        var assertion = SamlResponse($"{SamlProvider},{SamlRole}", "saml-user@example.org");

        var response = await client.AssumeRoleWithSAMLAsync(new AssumeRoleWithSAMLRequest { RoleArn = SamlRole, PrincipalArn = SamlProvider, SAMLAssertion = assertion, DurationSeconds = 3600 });

        Assert.Equal($"arn:aws:sts::{Account}:assumed-role/CasSaml/saml-user@example.org", response.AssumedRoleUser.Arn);
        Assert.Equal("https://cas.example.org/idp", response.Issuer);
        Assert.Equal("https://signin.aws.amazon.com/saml", response.Audience);
        var identity = await _emu.StsClient(Session(response.Credentials)).GetCallerIdentityAsync(new());
        Assert.Equal(response.AssumedRoleUser.Arn, identity.Arn);
    }

    [Fact]
    public async Task AssumeRoleWithSaml_refuses_a_role_the_assertion_does_not_grant()
    {
        using var client = _emu.StsClient(new AnonymousAWSCredentials());
        var assertion = SamlResponse($"{SamlProvider},{SamlRole}", "saml-user");

        await FailsAsync(client.AssumeRoleWithSAMLAsync(new AssumeRoleWithSAMLRequest { RoleArn = DeveloperRole, PrincipalArn = SamlProvider, SAMLAssertion = assertion }), "AccessDenied", HttpStatusCode.Forbidden);
        await FailsAsync(client.AssumeRoleWithSAMLAsync(new AssumeRoleWithSAMLRequest { RoleArn = SamlRole, PrincipalArn = SamlProvider, SAMLAssertion = "not base64!" }), "MalformedInput", HttpStatusCode.BadRequest);
    }

    internal static string SamlResponse(string rolePair, string sessionName) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"""
        <samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">
          <saml:Issuer>https://cas.example.org/idp</saml:Issuer>
          <saml:Assertion>
            <saml:Issuer>https://cas.example.org/idp</saml:Issuer>
            <saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">{sessionName}</saml:NameID></saml:Subject>
            <saml:AttributeStatement>
              <saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role"><saml:AttributeValue>{rolePair}</saml:AttributeValue></saml:Attribute>
              <saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName"><saml:AttributeValue>{sessionName}</saml:AttributeValue></saml:Attribute>
            </saml:AttributeStatement>
          </saml:Assertion>
        </samlp:Response>
        """));

    /// <summary>Lets the SDK trust exactly the emulator's self-signed certificate.</summary>
    private sealed class TrustingHttpClientFactory : HttpClientFactory
    {
        private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _certificate;

        public TrustingHttpClientFactory(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) => _certificate = certificate;

        public override HttpClient CreateHttpClient(IClientConfig clientConfig)
        {
            var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, certificate, chain, _) =>
                {
                    chain!.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(_certificate);
                    chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
                    return chain.Build(certificate!);
                },
            };
            return new HttpClient(handler);
        }
    }
}
