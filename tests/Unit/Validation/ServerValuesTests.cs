using CasAws.Cas;
using CasAws.Validation;

namespace CasAws.Tests.Validation;

/// <summary>Every server value is checked against its AWS shape before anything else sees it (issue 8, item 1).</summary>
public sealed class ServerValuesTests
{
    private const string KeyId = "ASIAEXAMPLE000001";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCY=EXAMPLEKEY==";
    private const string Token = "FwoGZXIvYXdzE+//////////wEaDA==abc/def+ghi=";

    private static string Body(string keyId = KeyId, string secret = Secret, string token = Token, string region = "eu-west-1", string newline = "\n") =>
        "[default]\n" + $"aws_access_key_id={keyId}{newline}aws_secret_access_key={secret}{newline}aws_session_token={token}{newline}region={region}{newline}";

    private static CasAnswer Classify(int status, string body) =>
        CasResponseClassifier.Classify(status, "text/plain", body, truncated: false, DateTime.UtcNow);

    [Theory]
    [InlineData("AccessKeyId", "ASIAQWERTYUIOPASDFGH")]
    [InlineData("SecretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")]
    [InlineData("SessionToken", "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ==")]
    [InlineData("Region", "us-gov-west-1")]
    [InlineData("Region", "eusc-de-east-1")]
    [InlineData("RoleArn", "arn:aws:iam::123456789012:role/ops/team.a/Read+Only=1,x@y_z-2")]
    [InlineData("RoleArn", "arn:aws-us-gov:iam::123456789012:role/R")]
    [InlineData("AccountId", "123456789012")]
    [InlineData("Arn", "arn:aws:sts::123456789012:assumed-role/CasDeveloper/3f2a")]
    [InlineData("UserId", "AROAEXAMPLE:session")]
    [InlineData("SigninToken", "abcDEF-_0123")]
    public void Values_of_aws_shape_pass(string kindName, string value)
    {
        var kind = Enum.Parse<ServerValueKind>(kindName);
        Assert.Null(ServerValues.Problem(kind, value));
    }

    [Theory]
    [InlineData("AccessKeyId", "ASIA")]                                   // too short
    [InlineData("AccessKeyId", "ASIAEXAMPLE00000\u2019")]                 // typographic quote
    [InlineData("SecretAccessKey", "secret with spaces in it!")]
    [InlineData("SessionToken", "tok\r[evil]\rcredential_process = sh -c id")]
    [InlineData("SessionToken", "FwoGZXIvYXdzE+////\u0085////")]            // C1 NEL
    [InlineData("Region", "eu-west-1\nexport X=1")]
    [InlineData("Region", "EU West")]
    [InlineData("RoleArn", "arn:aws:iam::123456789012:role/\u001b[31mAdmin")]
    [InlineData("RoleArn", "arn:aws:iam::123456789012:role/a\u2028b")]
    [InlineData("RoleArn", "Admin")]
    [InlineData("AccountId", "12345678901x")]
    [InlineData("Arn", "arn:aws:sts::123456789012:assumed-role/R/\u009b31m")]
    [InlineData("UserId", "AROA \u007f")]
    [InlineData("SigninToken", "abc\"def")]
    [InlineData("SigninToken", "")]
    public void Values_outside_their_shape_fail_without_quoting_the_value(string kindName, string value)
    {
        var kind = Enum.Parse<ServerValueKind>(kindName);
        string? problem = ServerValues.Problem(kind, value);

        Assert.NotNull(problem);
        if (value.Length > 3) Assert.DoesNotContain(value, problem);
        Assert.Equal(-1, ControlCharacters.IndexOf(problem!));
    }

    [Fact]
    public void An_oversized_session_token_fails()
    {
        Assert.NotNull(ServerValues.Problem(ServerValueKind.SessionToken, new string('A', ServerValues.MaxSessionTokenLength + 1)));
        Assert.Null(ServerValues.Problem(ServerValueKind.SessionToken, new string('A', ServerValues.MaxSessionTokenLength)));
    }

    [Fact]
    public void A_lone_CR_smuggling_a_section_into_the_token_makes_the_answer_malformed()
    {
        CasAnswer answer = Classify(200, Body(token: "tok\r[evil]\rcredential_process = /bin/sh -c id"));

        Assert.Equal(CasAnswerKind.MalformedValue, answer.Kind);
        Assert.Null(answer.Credentials);
        Assert.Equal("aws_session_token holds the control character U+000D", answer.Detail);
        Assert.DoesNotContain("evil", answer.Detail);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Both_line_separators_of_a_real_CAS_still_pass(string newline)
    {
        Assert.Equal(CasAnswerKind.Credentials, Classify(200, Body(newline: newline)).Kind);
    }

    [Theory]
    [InlineData("ASIAEXAMPLE000001\u001b]0;pwned\u0007", Secret, "aws_access_key_id holds the control character U+001B")]
    [InlineData("AKIA", Secret, "aws_access_key_id is not")]
    [InlineData(KeyId, "short", "aws_secret_access_key is not")]
    public void Every_credential_field_is_checked(string keyId, string secret, string detail)
    {
        CasAnswer answer = Classify(200, Body(keyId: keyId, secret: secret));

        Assert.Equal(CasAnswerKind.MalformedValue, answer.Kind);
        Assert.StartsWith(detail, answer.Detail);
    }

    [Fact]
    public void A_region_out_of_shape_is_malformed_and_aws_global_is_no_region()
    {
        Assert.Equal(CasAnswerKind.MalformedValue, Classify(200, Body(region: "eu-west-1;rm -rf")).Kind);
        CasAnswer global = Classify(200, Body(region: "aws-global"));
        Assert.Equal(CasAnswerKind.Credentials, global.Kind);
        Assert.Null(global.Credentials!.Region);
    }

    [Theory]
    [InlineData("Found multiple roles and none is specified. Current roles: [arn:aws:iam::123456789012:role/Dev, arn:aws:iam::123456789012:role/\u001b[2J\u001b[31mAdmin]")]
    [InlineData("Specified role is not allowed. Current roles:[arn:aws:iam::123456789012:role/Dev, not-an-arn]")]
    [InlineData("Found multiple roles and none is specified. Current roles: [arn:aws:iam::123456789012:role/Dev, arn:aws:iam::123456789012:role/Ops\u2019]")]
    public void A_role_list_with_a_role_out_of_shape_is_malformed(string text)
    {
        CasAnswer answer = Classify(401, text);

        Assert.Equal(CasAnswerKind.MalformedValue, answer.Kind);
        Assert.Empty(answer.Roles);
        Assert.StartsWith("role 2 of the role list", answer.Detail);
    }

    [Fact]
    public void The_malformed_value_error_has_its_own_id_and_shows_no_raw_control_character()
    {
        CasAnswer answer = Classify(200, Body(token: "tok\u001b[31m"));
        var settings = new CasConnectionSettings(new Uri("https://sso.example.org/cas"));

        var error = CasAws.Errors.CasAnswerErrors.ToException(answer, settings, "jdoe", null, TimeSpan.FromHours(1));

        Assert.Equal("ServerValueMalformed", error.ErrorId);
        Assert.Equal(-1, ControlCharacters.IndexOf(error.Message));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\u001b[31mb", "a\\x1b[31mb")]
    [InlineData("\u009b2J\r\n", "\\x9b2J\\x0d\\x0a")]
    [InlineData("x\u202Eevil\u2028", "x\\u202eevil\\u2028")]
    public void Terminal_text_makes_control_characters_visible(string text, string shown)
    {
        Assert.Equal(shown, TerminalText.Visible(text));
    }
}
