using System.Web;
using CasAws.Aws;
using CasAws.Credentials;
using CasAws.Json;

namespace CasAws.Tests.Sts;

public sealed class ConsoleSignInUrlTests
{
    private static readonly CasAwsCredential Keys = new("ASIAEXAMPLEKEY000001", "se/cr+et=\"key\\", "tok+en/with=padding==", DateTime.UtcNow.AddHours(1));

    [Fact]
    public void The_token_request_carries_the_keys_as_the_JSON_session_AWS_expects()
    {
        Uri url = ConsoleSignIn.SigninTokenRequestUrl(new Uri("https://signin.aws.amazon.com/federation"), Keys);

        var query = HttpUtility.ParseQueryString(url.Query);
        Assert.Equal("getSigninToken", query["Action"]);
        string session = query["Session"]!;
        Assert.Equal(Keys.AccessKey, JsonText.ReadStringField(session, "sessionId"));
        Assert.Equal(Keys.SecretKey, JsonText.ReadStringField(session, "sessionKey"));
        Assert.Equal(Keys.SessionToken, JsonText.ReadStringField(session, "sessionToken"));
        Assert.Equal("https://signin.aws.amazon.com/federation", url.GetLeftPart(UriPartial.Path));
    }

    [Fact]
    public void The_login_url_holds_destination_issuer_and_token_encoded()
    {
        Uri url = ConsoleSignIn.LoginUrl(
            new Uri("https://signin.aws.amazon.com/federation"),
            "tok+en/=",
            new Uri("https://console.aws.amazon.com/s3/home?region=eu-west-1#bucket"),
            new Uri("https://sso.example.org/cas"));

        var query = HttpUtility.ParseQueryString(url.Query);
        Assert.Equal("login", query["Action"]);
        Assert.Equal("tok+en/=", query["SigninToken"]);
        Assert.Equal("https://console.aws.amazon.com/s3/home?region=eu-west-1#bucket", query["Destination"]);
        Assert.Equal("https://sso.example.org/cas", query["Issuer"]);
    }

    [Fact]
    public void The_issuer_is_left_out_when_unknown()
    {
        Uri url = ConsoleSignIn.LoginUrl(new Uri("https://signin.aws.amazon.com/federation"), "t", new Uri("https://console.aws.amazon.com/"), null);

        Assert.Null(HttpUtility.ParseQueryString(url.Query)["Issuer"]);
    }

    [Theory]
    [InlineData("aws", "https://signin.aws.amazon.com/federation", "https://console.aws.amazon.com/")]
    [InlineData("aws-cn", "https://signin.amazonaws.cn/federation", "https://console.amazonaws.cn/")]
    [InlineData("aws-us-gov", "https://signin.amazonaws-us-gov.com/federation", "https://console.amazonaws-us-gov.com/")]
    public void Each_partition_has_its_sign_in_endpoint_and_console(string partition, string signIn, string console)
    {
        Assert.Equal(signIn, FederationEndpoints.SignInFor(partition).AbsoluteUri);
        Assert.Equal(console, FederationEndpoints.ConsoleHomeFor(partition).AbsoluteUri);
    }
}
