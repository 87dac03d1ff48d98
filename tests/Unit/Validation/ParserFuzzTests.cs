using System.Text;
using CasAws.Aws;
using CasAws.Cache;
using CasAws.Cas;
using CasAws.Files;
using CasAws.Validation;
using Xunit.Abstractions;
using CasAws.Json;
using CasAws.Tests.Json;

namespace CasAws.Tests.Validation;

/// <summary>
/// Every parser that reads server (or cache) input, fed random and adversarial inputs for a bounded
/// time: none lets anything escape but its own typed result or CasAws error (issue 8, item 10).
/// </summary>
public sealed class ParserFuzzTests
{
    private const string Token = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ==";
    private static readonly Uri Federation = new("https://signin.aws.amazon.com/federation");
    private readonly ITestOutputHelper _output;

    public ParserFuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Cas_answers_classify_without_throwing_and_pass_on_only_values_of_aws_shape()
    {
        string[] corpus =
        {
            $"[default]\naws_access_key_id=ASIAEXAMPLE000001\naws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\naws_session_token={Token}\nregion=eu-west-1\n",
            $"[default]\naws_access_key_id=ASIAEXAMPLE000001\r\naws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\r\naws_session_token={Token}\r\nregion=aws-global\r\n",
            "Found multiple roles and none is specified. Current roles: [arn:aws:iam::123456789012:role/Dev, arn:aws:iam::123456789012:role/ops/Admin]",
            "Specified role is not allowed. Current roles:[arn:aws:iam::123456789012:role/a,b]",
            "Authentication failed", "Authorization failure", "No roles are available for the authenticated principal",
        };
        int[] statuses = { 200, 401, 403, 500 };
        var random = new Random(1);

        Fuzz.Run("CAS answer", corpus, body =>
        {
            CasAnswer answer = CasResponseClassifier.Classify(statuses[random.Next(statuses.Length)], "text/plain", body, truncated: false, DateTime.UtcNow);
            if (answer.Credentials is { } keys)
            {
                Assert.True(ServerValues.IsValid(ServerValueKind.AccessKeyId, keys.AccessKeyId));
                Assert.True(ServerValues.IsValid(ServerValueKind.SecretAccessKey, keys.SecretAccessKey));
                Assert.True(ServerValues.IsValid(ServerValueKind.SessionToken, keys.SessionToken));
                Assert.True(keys.Region is null || ServerValues.IsValid(ServerValueKind.Region, keys.Region));
            }

            Assert.All(answer.Roles, role => Assert.True(ServerValues.IsValid(ServerValueKind.RoleArn, role)));
            Assert.Equal(-1, ControlCharacters.IndexOf(answer.Detail ?? string.Empty));
            CasRoleListParser.TryParse(body);
        }, _output);
    }

    [Fact]
    public void Federation_answers_give_a_token_of_shape_or_a_FederationException_with_both_platform_readers()
    {
        string[] corpus =
        {
            "{\"SigninToken\":\"abcDEF0123-_abcDEF0123-_\"}",
            "{ \"SigninToken\" : \"a\\/b\\u0041\" , \"Other\": [1, 2.5e3, true, null, {\"x\": \"y\"}] }",
            "{\"Other\":\"x\",\"SigninToken\":\"\\uD83D\\uDE00\"}",
            "[\"SigninToken\"]",
        };

        Fuzz.Run("federation answer", corpus, body =>
        {
            try
            {
                string token = ConsoleSignIn.ReadSigninToken(body, Federation, 200);
                Assert.True(ServerValues.IsValid(ServerValueKind.SigninToken, token));
            }
            catch (FederationException)
            {
            }

            string? desktop = JsonBackEnd.Field(PlatformJson.ParseWithDataContractJson, body, "SigninToken");
            string? core = JsonBackEnd.Field(PlatformJson.ParseWithSystemTextJson, body, "SigninToken");
            if (core is not null && desktop is not null) Assert.Equal(core, desktop);
        }, _output);
    }

    [Fact]
    public void Cache_files_parse_or_are_ignored()
    {
        string[] corpus =
        {
            CredentialCacheEntry.FormatLine + "\nprofile=dev\nserver=https://sso.example.org/cas\nroleArn=arn:aws:iam::123456789012:role/Dev\n"
                + "accessKeyId=ASIAEXAMPLE000001\nsecretAccessKey=s/e+c=EXAMPLEKEY\nsessionToken=" + Token + "\nexpiration=2026-11-30T08:00:00Z\naccountId=123456789012\n",
        };

        Fuzz.Run("cache entry", corpus, text => CredentialCacheEntry.TryParse(text), _output);
    }

    [Fact]
    public void Aws_files_parse_or_fail_with_their_line_number()
    {
        string[] corpus =
        {
            "# keep\r\n[default]\r\naws_access_key_id = AKIAKEEPME\r\n\r\n[profile dev]\nregion = eu-west-1\n  continued\ncredential_process = \"/x/y\" --profile \"dev\"",
        };

        Fuzz.Run("AWS file", corpus, text =>
        {
            try
            {
                IniDocument.Parse(Encoding.UTF8.GetBytes(text), "\n");
            }
            catch (IniFormatException)
            {
            }
        }, _output);
    }
}
