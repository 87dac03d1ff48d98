using CasAws.Aws;

namespace CasAws.Tests.Sts;

public sealed class StsEndpointResolverTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Without_anything_uses_the_global_endpoint_signed_for_us_east_1()
    {
        StsEndpoint endpoint = StsEndpointResolver.Resolve(null, null, null, null, Environment());

        Assert.Equal("https://sts.amazonaws.com/", endpoint.ServiceUrl.AbsoluteUri);
        Assert.Equal("us-east-1", endpoint.SigningRegion);
        Assert.Equal(StsEndpointResolver.DefaultTimeout, endpoint.Timeout);
    }

    [Fact]
    public void A_region_picks_its_regional_endpoint()
    {
        StsEndpoint endpoint = StsEndpointResolver.Resolve(null, "eu-west-2", null, null, Environment());

        Assert.Equal("https://sts.eu-west-2.amazonaws.com/", endpoint.ServiceUrl.AbsoluteUri);
        Assert.Equal("eu-west-2", endpoint.SigningRegion);
    }

    [Fact]
    public void China_regions_use_the_com_cn_domain()
    {
        Assert.Equal("https://sts.cn-north-1.amazonaws.com.cn/", StsEndpointResolver.DefaultEndpoint("cn-north-1").AbsoluteUri);
        Assert.Equal("https://sts.us-gov-west-1.amazonaws.com/", StsEndpointResolver.DefaultEndpoint("us-gov-west-1").AbsoluteUri);
    }

    [Fact]
    public void The_region_comes_from_the_parameter_then_AWS_REGION_then_the_credential()
    {
        var environment = Environment(("AWS_REGION", "ap-southeast-2"));

        Assert.Equal("eu-central-1", StsEndpointResolver.Resolve(null, "eu-central-1", "us-west-2", null, environment).SigningRegion);
        Assert.Equal("ap-southeast-2", StsEndpointResolver.Resolve(null, null, "us-west-2", null, environment).SigningRegion);
        Assert.Equal("us-west-2", StsEndpointResolver.Resolve(null, null, "us-west-2", null, Environment()).SigningRegion);
    }

    [Fact]
    public void The_endpoint_comes_from_the_parameter_then_AWS_ENDPOINT_URL_STS_then_AWS_ENDPOINT_URL()
    {
        var both = Environment(("AWS_ENDPOINT_URL_STS", "https://sts.internal.example/"), ("AWS_ENDPOINT_URL", "https://all.internal.example/"));
        var globalOnly = Environment(("AWS_ENDPOINT_URL", "https://all.internal.example/"));

        Assert.Equal("https://mine.example/", StsEndpointResolver.Resolve("https://mine.example/", null, null, null, both).ServiceUrl.AbsoluteUri);
        Assert.Equal("https://sts.internal.example/", StsEndpointResolver.Resolve(null, null, null, null, both).ServiceUrl.AbsoluteUri);
        Assert.Equal("https://all.internal.example/", StsEndpointResolver.Resolve(null, null, null, null, globalOnly).ServiceUrl.AbsoluteUri);
    }

    [Fact]
    public void A_custom_endpoint_is_signed_for_the_chosen_region()
    {
        StsEndpoint endpoint = StsEndpointResolver.Resolve("https://sts.internal.example/", "eu-west-1", null, TimeSpan.FromSeconds(5), Environment());

        Assert.Equal("eu-west-1", endpoint.SigningRegion);
        Assert.Equal(TimeSpan.FromSeconds(5), endpoint.Timeout);
    }

    [Theory]
    [InlineData("http://127.0.0.1:4000/")]
    [InlineData("http://localhost:4000/")]
    public void Plain_http_is_allowed_for_this_computer_only(string url)
    {
        Assert.Equal(url, StsEndpointResolver.Resolve(url, null, null, null, Environment()).ServiceUrl.AbsoluteUri);
    }

    [Theory]
    [InlineData("http://sts.example.org/", "plain http")]
    [InlineData("ftp://sts.example.org/", "not an http(s) URL")]
    [InlineData("sts.example.org", "not an http(s) URL")]
    public void Refuses_unusable_endpoints_with_a_reason(string url, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => StsEndpointResolver.Resolve(url, null, null, null, Environment()));

        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [InlineData("aws-global")]
    [InlineData("EU-WEST-1")]
    [InlineData("westeurope")]
    public void Refuses_names_that_are_not_regions(string region)
    {
        var error = Assert.Throws<ArgumentException>(() => StsEndpointResolver.Resolve(null, region, null, null, Environment()));

        Assert.Contains("-Region", error.Message);
    }

    [Fact]
    public void A_command_without_STS_parameters_is_told_to_fix_the_environment_variable()
    {
        var region = Assert.Throws<ArgumentException>(() => StsEndpointResolver.Resolve(null, null, null, null, Environment(("AWS_REGION", "westeurope")), StsSettingNames.EnvironmentOnly));
        Assert.Contains("Set AWS_REGION", region.Message);
        Assert.DoesNotContain("-Region", region.Message);

        var endpoint = Assert.Throws<ArgumentException>(() => StsEndpointResolver.Resolve(null, null, null, null, Environment(("AWS_ENDPOINT_URL_STS", "sts.example.org")), StsSettingNames.EnvironmentOnly));
        Assert.Contains("Set AWS_ENDPOINT_URL_STS", endpoint.Message);
        Assert.DoesNotContain("-EndpointUrl", endpoint.Message);
    }
}
