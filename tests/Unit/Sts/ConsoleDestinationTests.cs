using System.Web;
using CasAws.Aws;

namespace CasAws.Tests.Sts;

/// <summary>Where Get-CasAwsConsoleUrl lands (issue 22, item 3): a service in a region, a page moved to a region, never a multi-session host.</summary>
public sealed class ConsoleDestinationTests
{
    [Theory]
    [InlineData("s3", "eu-west-1", "https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1")]
    [InlineData("ec2", "eu-west-1", "https://eu-west-1.console.aws.amazon.com/ec2/v2/home?region=eu-west-1")]
    [InlineData("IAM", "eu-west-1", "https://eu-west-1.console.aws.amazon.com/iamv2/home?region=eu-west-1")]
    [InlineData("cw", "eu-west-1", "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1")]
    [InlineData("lambda", "us-east-1", "https://console.aws.amazon.com/lambda/home?region=us-east-1")]
    public void A_service_opens_at_its_page_in_the_region(string service, string region, string expected)
    {
        Assert.Equal(expected, ConsoleDestination.ForService(service, region, "aws").AbsoluteUri);
    }

    [Fact]
    public void Other_partitions_use_their_console_domain()
    {
        Assert.Equal("https://cn-northwest-1.console.amazonaws.cn/s3/home?region=cn-northwest-1", ConsoleDestination.ForService("s3", "cn-northwest-1", "aws-cn").AbsoluteUri);
        Assert.Equal("https://console.amazonaws-us-gov.com/s3/home?region=us-gov-west-1", ConsoleDestination.ForService("s3", "us-gov-west-1", "aws-us-gov").AbsoluteUri);
    }

    [Fact]
    public void An_unknown_service_is_refused_with_the_known_names_and_control_characters_shown()
    {
        var problem = Assert.Throws<ArgumentException>(() => ConsoleDestination.ForService("s3\u001b[2J", "eu-west-1", "aws"));

        Assert.Contains("ec2", problem.Message, StringComparison.Ordinal);
        Assert.Contains("-Destination", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', problem.Message);
    }

    [Theory]
    [InlineData("https://console.aws.amazon.com/s3/home?region=us-east-1#/buckets", "https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1#/buckets")]
    [InlineData("https://us-west-2.console.aws.amazon.com/ec2/home?a=1&region=us-west-2&b=2", "https://eu-west-1.console.aws.amazon.com/ec2/home?a=1&b=2&region=eu-west-1")]
    [InlineData("https://console.aws.amazon.com/", "https://eu-west-1.console.aws.amazon.com/?region=eu-west-1")]
    [InlineData("https://portal.example.edu/aws", "https://portal.example.edu/aws?region=eu-west-1")]
    public void Region_rewrites_the_host_of_a_console_page_and_its_region_query(string given, string expected)
    {
        Assert.Equal(expected, ConsoleDestination.WithRegion(new Uri(given), "eu-west-1", "aws").AbsoluteUri);
    }

    [Fact]
    public void A_multi_session_host_goes_back_to_the_plain_regional_host()
    {
        Uri plain = ConsoleDestination.WithoutMultiSessionHost(new Uri("https://000000000000-aaaaaaaa.us-east-1.console.aws.amazon.com/console/home?region=us-east-1"))!;

        Assert.Equal("https://us-east-1.console.aws.amazon.com/console/home?region=us-east-1", plain.AbsoluteUri);
        Assert.Null(ConsoleDestination.WithoutMultiSessionHost(new Uri("https://eu-west-1.console.aws.amazon.com/s3/home")));
        Assert.Null(ConsoleDestination.WithoutMultiSessionHost(new Uri("https://000000000000-aaaaaaaa.example.org/")));
    }

    [Theory]
    [InlineData(900, true)]
    [InlineData(7200, true)]
    [InlineData(43200, true)]
    [InlineData(899, false)]
    [InlineData(43201, false)]
    public void The_console_session_is_15_minutes_to_12_hours(int seconds, bool accepted)
    {
        Assert.Equal(accepted, ConsoleSessionDuration.Problem(TimeSpan.FromSeconds(seconds)) is null);
    }

    [Fact]
    public void A_fraction_of_a_second_is_refused_rather_than_rounded()
    {
        Assert.NotNull(ConsoleSessionDuration.Problem(TimeSpan.FromSeconds(3600.5)));
    }

    [Fact]
    public void The_token_request_carries_SessionDuration_in_seconds_only_when_asked()
    {
        var keys = new CasAws.Credentials.CasAwsCredential("ASIAEXAMPLEKEY000001", "secret", "token", DateTime.UtcNow.AddHours(1));
        var federation = new Uri("https://signin.aws.amazon.com/federation");

        Assert.Equal("7200", HttpUtility.ParseQueryString(ConsoleSignIn.SigninTokenRequestUrl(federation, keys, TimeSpan.FromHours(2)).Query)["SessionDuration"]);
        Assert.Null(HttpUtility.ParseQueryString(ConsoleSignIn.SigninTokenRequestUrl(federation, keys).Query)["SessionDuration"]);
    }

    [Fact]
    public void Logout_first_carries_the_whole_login_url_encoded_once_more()
    {
        var login = new Uri("https://signin.aws.amazon.com/federation?Action=login&Destination=" + Uri.EscapeDataString("https://console.aws.amazon.com/s3/home?region=eu-west-1&tab=a") + "&SigninToken=t%2Bk");

        Uri chained = ConsoleSignIn.LogoutThenLogin(FederationEndpoints.LogoutFor(new Uri("https://signin.aws.amazon.com/federation")), login);

        Assert.Equal("https://us-east-1.signin.aws.amazon.com/oauth", chained.GetLeftPart(UriPartial.Path));
        var query = HttpUtility.ParseQueryString(chained.Query);
        Assert.Equal("logout", query["Action"]);
        Assert.Equal(login.AbsoluteUri, query["redirect_uri"]);
        Assert.Equal("https://console.aws.amazon.com/s3/home?region=eu-west-1&tab=a", HttpUtility.ParseQueryString(new Uri(query["redirect_uri"]!).Query)["Destination"]);
    }

    [Theory]
    [InlineData("https://eu-west-1.signin.aws.amazon.com/federation", "https://us-east-1.signin.aws.amazon.com/oauth")]
    [InlineData("http://127.0.0.1:5443/federation", "http://127.0.0.1:5443/oauth")]
    [InlineData("https://signin.amazonaws.cn/federation", "https://signin.amazonaws.cn/oauth")]
    public void The_logout_is_on_us_east_1_for_AWS_sign_in_hosts_else_on_the_endpoint_s_origin(string federation, string logout)
    {
        Assert.Equal(logout, FederationEndpoints.LogoutFor(new Uri(federation)).AbsoluteUri);
    }
}
