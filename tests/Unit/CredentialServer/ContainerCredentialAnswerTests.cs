using CasAws.AwsEnvironment;
using CasAws.Browser;
using CasAws.Credentials;
using CasAws.CredentialServer;

namespace CasAws.Tests.CredentialServer;

/// <summary>What the loopback credential endpoint answers each request, and the variables that point a child at it.</summary>
public sealed class ContainerCredentialAnswerTests
{
    private const string Path = "/casaws/credentials";
    private static readonly string Token = Unguessable.New();
    private static readonly DateTime Now = new(2026, 12, 7, 4, 0, 0, DateTimeKind.Utc);

    private static CasAwsCredential Keys(TimeSpan left) =>
        new("ASIAEXAMPLEEXAMPLE01", "secret/key+value", "session\"token\\", Now + left) { AccountId = "123456789012" };

    private static ContainerCredentialAnswer Ask(string head, TimeSpan left, bool anotherUser = false) =>
        ContainerCredentialAnswer.For(LoopbackRequest.Parse(head)!, Path, Token, anotherUser, () => Keys(left), () => "CasAws has no valid credentials; run Connect-CasAws.", Now);

    [Fact]
    public void Serves_the_keys_as_the_SDKs_read_them_to_the_exact_token()
    {
        ContainerCredentialAnswer answer = Ask($"GET {Path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: {Token}", TimeSpan.FromMinutes(50));

        Assert.Equal("200 OK", answer.Status);
        Assert.Equal("application/json", answer.ContentType);
        Assert.Equal("{\"AccessKeyId\":\"ASIAEXAMPLEEXAMPLE01\",\"SecretAccessKey\":\"secret/key+value\",\"Token\":\"session\\\"token\\\\\",\"Expiration\":\"2026-12-07T04:50:00Z\",\"AccountId\":\"123456789012\"}", answer.Body);
    }

    [Theory]
    [InlineData("", "401 Unauthorized")]
    [InlineData("Authorization: \r\n", "401 Unauthorized")]
    [InlineData("Authorization: Bearer {token}\r\n", "403 Forbidden")]
    [InlineData("Authorization: {token}x\r\n", "403 Forbidden")]
    [InlineData("Authorization: {short}\r\n", "403 Forbidden")]
    public void Refuses_a_missing_or_wrong_token_without_the_keys(string header, string status)
    {
        string head = $"GET {Path} HTTP/1.1\r\nHost: 127.0.0.1\r\n" + header.Replace("{token}", Token).Replace("{short}", Token.Substring(0, 20));

        ContainerCredentialAnswer answer = Ask(head.TrimEnd('\r', '\n'), TimeSpan.FromMinutes(50));

        Assert.Equal(status, answer.Status);
        Assert.DoesNotContain("ASIA", answer.Body);
        Assert.DoesNotContain(Token, answer.Body);
        Assert.Equal("text/plain; charset=utf-8", answer.ContentType);
    }

    [Fact]
    public void Refuses_another_local_user_even_with_the_token()
    {
        ContainerCredentialAnswer answer = Ask($"GET {Path} HTTP/1.1\r\nAuthorization: {Token}", TimeSpan.FromMinutes(50), anotherUser: true);

        Assert.Equal("403 Forbidden", answer.Status);
        Assert.DoesNotContain("ASIA", answer.Body);
    }

    [Theory]
    [InlineData("GET /other HTTP/1.1", "404 Not Found")]
    [InlineData("PUT /casaws/credentials HTTP/1.1", "405 Method Not Allowed")]
    public void Serves_only_GET_at_its_path(string requestLine, string status)
    {
        Assert.Equal(status, Ask(requestLine + "\r\nAuthorization: " + Token, TimeSpan.FromMinutes(50)).Status);
    }

    [Fact]
    public void Answers_at_once_with_what_to_run_when_the_keys_are_used_up()
    {
        ContainerCredentialAnswer answer = Ask($"GET {Path} HTTP/1.1\r\nAuthorization: {Token}", TimeSpan.FromSeconds(10));

        Assert.Equal("503 Service Unavailable", answer.Status);
        Assert.Contains("Connect-CasAws", answer.Body);
        Assert.DoesNotContain("ASIA", answer.Body);
    }

    [Theory]
    [InlineData(null, "127.0.0.1")]
    [InlineData("", "127.0.0.1")]
    [InlineData("corp.example.org", "corp.example.org,127.0.0.1")]
    [InlineData("localhost, 127.0.0.1", "localhost, 127.0.0.1")]
    public void Points_a_child_at_the_endpoint_with_no_keys_and_no_proxy_for_loopback(string? noProxy, string expected)
    {
        var url = new Uri("http://127.0.0.1:45678/casaws/credentials");

        var variables = AwsEnvironmentVariables.ForEndpoint(url, Token, Keys(TimeSpan.FromMinutes(50)), name => name == "NO_PROXY" ? noProxy : null)
            .ToDictionary(v => v.Key, v => v.Value);

        Assert.Equal(url.AbsoluteUri, variables["AWS_CONTAINER_CREDENTIALS_FULL_URI"]);
        Assert.Equal(Token, variables["AWS_CONTAINER_AUTHORIZATION_TOKEN"]);
        Assert.Equal(expected, variables["NO_PROXY"]);
        Assert.Equal("127.0.0.1", variables["no_proxy"]);
        foreach (string cleared in new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AWS_PROFILE" })
        {
            Assert.True(variables.ContainsKey(cleared), cleared);
            Assert.Null(variables[cleared]);
        }
    }

    [Theory]
    [InlineData(600, 3600, true)]
    [InlineData(3599, 3600, true)]
    [InlineData(3600, 3600, false)]
    [InlineData(0, 3600, false)]
    public void A_renewal_margin_leaves_the_keys_some_life(int marginSeconds, int durationSeconds, bool accepted)
    {
        Assert.Equal(accepted, RenewalPlan.CheckMargin(TimeSpan.FromSeconds(marginSeconds), TimeSpan.FromSeconds(durationSeconds)) is null);
    }
}
