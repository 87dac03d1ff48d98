using CasAws.Aws;
using CasAws.Credentials;
using CasAws.Tests.Cas;
using CasAws.Json;
using CasAws.Tests.Json;

namespace CasAws.Tests.Sts;

/// <summary>The federation answer is read by the platform's JSON reader: a bad escape is a CasAws error, not a FormatException.</summary>
public sealed class FederationAnswerTests
{
    private static readonly CasAwsCredential Keys = new("ASIAEXAMPLE000001", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ==", DateTime.UtcNow.AddHours(1));

    [Theory]
    [InlineData("{\"SigninToken\":\"\\uZZZZabc\"}", "UnexpectedAnswer")]
    [InlineData("{\"SigninToken\":\"abc\\u00\"}", "UnexpectedAnswer")]
    [InlineData("{\"SigninToken\":\"\\ud800\"}", "UnexpectedAnswer")]
    [InlineData("{\"SigninToken\":\"abc\\u001b[31m\"}", "MalformedValue")]
    [InlineData("{\"SigninToken\":\"abc def\"}", "MalformedValue")]
    public async Task A_garbled_answer_is_a_federation_failure(string body, string expectedName)
    {
        var expected = Enum.Parse<FederationFailure>(expectedName);
        using var server = new CannedHttpServer(200, "application/json", body);
        using var http = new HttpClient();
        var federation = new Uri(server.BaseUri, "/federation");

        var failure = await Assert.ThrowsAsync<FederationException>(() =>
            new ConsoleSignIn(http).GetSigninTokenAsync(federation, Keys, null, TimeSpan.FromSeconds(10), CancellationToken.None));

        Assert.Equal(expected, failure.Failure);
        Assert.Equal(expected == FederationFailure.MalformedValue ? "ServerValueMalformed" : "FederationUnexpectedAnswer",
            StsErrors.From(failure, federation).ErrorId);
    }

    [Theory]
    [InlineData("{\"SigninToken\":\"a\\/b\\u0041-_\"}", "a/bA-_")]
    [InlineData("{\"Other\":{\"SigninToken\":\"inner\"},\"SigninToken\":\"outer\"}", "outer")]
    public void Both_platform_readers_read_the_token(string body, string token)
    {
        Assert.Equal(token, JsonBackEnd.Field(PlatformJson.ParseWithSystemTextJson, body, "SigninToken"));
        Assert.Equal(token, JsonBackEnd.Field(PlatformJson.ParseWithDataContractJson, body, "SigninToken"));
    }

    [Fact]
    public void Stray_closing_brackets_are_unreadable_not_an_IndexOutOfRangeException()
    {
        // Found by ParserFuzzTests (seed 3244836): .NET's JsonReaderWriterFactory threw IndexOutOfRangeException here.
        const string body = "{ \"SigninToken\" : \"abc\" , ]]]]]]]]";

        Assert.Null(JsonBackEnd.Field(PlatformJson.ParseWithDataContractJson, body, "SigninToken"));
        Assert.Null(JsonBackEnd.Field(PlatformJson.ParseWithSystemTextJson, body, "SigninToken"));
    }
}
