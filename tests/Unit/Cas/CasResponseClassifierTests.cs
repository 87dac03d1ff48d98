using CasAws.Cas;

namespace CasAws.Tests.Cas;

public class CasResponseClassifierTests
{
    private static readonly DateTime SentAt = new(2026, 11, 27, 7, 0, 0, DateTimeKind.Utc);

    // Secrets as STS makes them: '/', '+' and '=' inside, '=' at the end.
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCY=EXAMPLEKEY==";
    private const string Token = "FwoGZXIvYXdzE+//////////wEaDA==abc/def+ghi=";

    private static CasAnswer Classify(int status, string? mediaType, string body, bool truncated = false) =>
        CasResponseClassifier.Classify(status, mediaType, body, truncated, SentAt);

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Success_body_parses_with_either_line_separator(string newline)
    {
        // The header always ends in LF; key lines end in the server's separator.
        string body = "[default]\n" + $"aws_access_key_id=ASIAEXAMPLE000001{newline}aws_secret_access_key={Secret}{newline}aws_session_token={Token}{newline}region=us-east-2{newline}";
        CasAnswer answer = Classify(200, "text/plain", body);

        Assert.Equal(CasAnswerKind.Credentials, answer.Kind);
        Assert.Equal("ASIAEXAMPLE000001", answer.Credentials!.AccessKeyId);
        Assert.Equal(Secret, answer.Credentials.SecretAccessKey);
        Assert.Equal(Token, answer.Credentials.SessionToken);
        Assert.Equal("us-east-2", answer.Credentials.Region);
        Assert.Equal(SentAt, answer.SentAtUtc);
    }

    [Fact]
    public void Aws_global_is_not_a_region()
    {
        string body = $"[default]\naws_access_key_id=ASIAEXAMPLE000001\naws_secret_access_key={Secret}\naws_session_token={Token}\nregion=aws-global\n";
        Assert.Null(Classify(200, "text/plain", body).Credentials!.Region);
    }

    [Fact]
    public void Success_without_content_type_is_still_read()
    {
        string body = $"[default]\naws_access_key_id=ASIAEXAMPLE000001\naws_secret_access_key={Secret}\naws_session_token={Token}\n";
        Assert.Equal(CasAnswerKind.Credentials, Classify(200, null, body).Kind);
    }

    [Theory]
    [InlineData("[default]\naws_access_key_id=ASIAEXAMPLE000001\naws_secret_access_key=S\n")]               // truncated: no token
    [InlineData("[default]\naws_access_key_id=ASIAEXAMPLE000001\naws_secret_acc")]                          // cut mid-line
    [InlineData("aws_access_key_id=ASIAEXAMPLE000001\naws_secret_access_key=S\naws_session_token=T\n")]     // no header
    [InlineData("[profile x]\naws_access_key_id=ASIAEXAMPLE000001\naws_secret_access_key=S\naws_session_token=T\n")]
    [InlineData("[default]\ngarbage line\naws_access_key_id=ASIAEXAMPLE000001\n")]
    [InlineData("")]
    [InlineData("{\"AccessKeyId\":\"A\"}")]
    public void Truncated_or_garbled_success_is_malformed(string body)
    {
        CasAnswer answer = Classify(200, "text/plain", body);
        Assert.Equal(CasAnswerKind.MalformedResponse, answer.Kind);
        Assert.Null(answer.Credentials);
    }

    [Fact]
    public void Oversized_body_is_malformed_even_if_it_starts_well()
    {
        string body = $"[default]\naws_access_key_id=ASIAEXAMPLE000001\naws_secret_access_key={Secret}\naws_session_token={Token}\n";
        Assert.Equal(CasAnswerKind.MalformedResponse, Classify(200, "text/plain", body, truncated: true).Kind);
    }

    [Theory]
    [InlineData("text/html", "<!DOCTYPE html><html><body>CAS login</body></html>")]
    [InlineData("text/plain", "<html><body>Sign in</body></html>")]
    [InlineData("application/xhtml+xml", "<html/>")]
    public void Web_page_with_200_is_endpoint_unavailable(string mediaType, string body)
    {
        Assert.Equal(CasAnswerKind.EndpointUnavailable, Classify(200, mediaType, body).Kind);
    }

    [Theory]
    [InlineData("Authentication failed", CasAnswerKind.AuthenticationFailed)]
    [InlineData("Authentication failed\r\n", CasAnswerKind.AuthenticationFailed)]
    [InlineData("Authorization failure", CasAnswerKind.AuthorizationFailure)]
    [InlineData("No roles are available for the authenticated principal", CasAnswerKind.NoRoles)]
    [InlineData("Unauthorized", CasAnswerKind.EndpointUnavailable)]
    [InlineData("{\"timestamp\":\"2026-11-27\",\"status\":401,\"error\":\"Unauthorized\"}", CasAnswerKind.EndpointUnavailable)]
    [InlineData("", CasAnswerKind.EndpointUnavailable)]
    [InlineData("authentication failed", CasAnswerKind.EndpointUnavailable)]
    public void Each_401_text_is_told_apart(string body, object expected)
    {
        Assert.Equal((CasAnswerKind)expected, Classify(401, "text/plain", body).Kind);
    }

    [Fact]
    public void Html_401_is_never_a_wrong_password()
    {
        Assert.Equal(CasAnswerKind.EndpointUnavailable, Classify(401, "text/html", "Authentication failed").Kind);
    }

    [Fact]
    public void Multiple_roles_lists_roles_in_server_order()
    {
        CasAnswer answer = Classify(401, "text/plain",
            "Found multiple roles and none is specified. Current roles: [arn:aws:iam::111111111111:role/Dev, arn:aws:iam::222222222222:role/ops/Admin+=,.@_-x]");
        Assert.Equal(CasAnswerKind.RoleRequired, answer.Kind);
        Assert.Equal(new[] { "arn:aws:iam::111111111111:role/Dev", "arn:aws:iam::222222222222:role/ops/Admin+=,.@_-x" }, answer.Roles);
    }

    [Fact]
    public void Role_not_allowed_without_space_after_colon_lists_roles()
    {
        CasAnswer answer = Classify(401, "text/plain",
            "Specified role is not allowed. Current roles:[arn:aws:iam::111111111111:role/a,b, arn:aws-us-gov:iam::333333333333:role/p/q/R]");
        Assert.Equal(CasAnswerKind.RoleNotAllowed, answer.Kind);
        Assert.Equal(new[] { "arn:aws:iam::111111111111:role/a,b", "arn:aws-us-gov:iam::333333333333:role/p/q/R" }, answer.Roles);
    }

    [Fact]
    public void Role_text_with_a_garbled_list_is_not_trusted()
    {
        Assert.Equal(CasAnswerKind.EndpointUnavailable,
            Classify(401, "text/plain", "Found multiple roles and none is specified. Current roles: [arn:a, arn:b").Kind);
    }

    [Theory]
    [InlineData(403, CasAnswerKind.EndpointUnavailable)]
    [InlineData(404, CasAnswerKind.EndpointUnavailable)]
    [InlineData(302, CasAnswerKind.EndpointUnavailable)]
    [InlineData(400, CasAnswerKind.RequestRejected)]
    [InlineData(415, CasAnswerKind.RequestRejected)]
    [InlineData(500, CasAnswerKind.ServerError)]
    [InlineData(503, CasAnswerKind.ServerError)]
    [InlineData(204, CasAnswerKind.MalformedResponse)]
    public void Other_statuses(int status, object expected)
    {
        Assert.Equal((CasAnswerKind)expected, Classify(status, "application/json", "{\"status\":" + status + "}").Kind);
    }

    [Fact]
    public void Answer_text_never_holds_the_secret()
    {
        string body = $"[default]\naws_access_key_id=ASIAEXAMPLE000001\naws_secret_access_key={Secret}\naws_session_token={Token}\n";
        CasAnswer answer = Classify(200, "text/plain", body);
        Assert.DoesNotContain(Secret, answer.ToString());
        Assert.DoesNotContain(Secret, answer.Credentials!.ToString());
        Assert.DoesNotContain(Token, answer.Credentials.ToString());
    }
}
