using CasAws.Cache;

namespace CasAws.Tests.Cache;

public sealed class CredentialProcessArgumentsTests
{
    [Fact]
    public void What_the_profile_records_reads_back_the_same_in_the_helper()
    {
        var written = new CredentialProcessArguments("cas-dev")
        {
            Server = "https://cas.example.org/cas",
            RoleArn = "arn:aws:iam::111111111111:role/ops/Read+Only=1,x@y_z-2",
            UserName = "j doe",
            Duration = TimeSpan.FromHours(4),
            EndpointPath = "/custom/awsSts",
            Timeout = TimeSpan.FromSeconds(90),
            CaBundlePath = "/home/j doe/corp ca.pem",
            Proxy = "http://proxy.example.org:3128/",
            MfaProvider = "GoogleAuthenticator",
            MfaAccount = "42",
            DuoProviderId = "mfa-duo-2",
            Service = "https://app.example.org/",
        };

        string[] args = written.ToPairs().SelectMany(pair => new[] { pair.Key, pair.Value }).ToArray();
        Assert.True(CredentialProcessArguments.TryParse(args, out CredentialProcessArguments? read, out string? problem), problem);

        Assert.Equal(written.ToPairs(), read!.ToPairs());
        Assert.Equal(TimeSpan.FromHours(4), read.Duration);
        Assert.Equal("/home/j doe/corp ca.pem", read.CaBundlePath);
        Assert.Equal(new[] { "--profile", "--server", "--role-arn" }, written.ToPairs().Take(3).Select(pair => pair.Key));
    }

    [Fact]
    public void Only_profile_server_and_role_are_written_when_nothing_else_is_known()
    {
        var written = new CredentialProcessArguments("p") { Server = "https://cas.example.org/cas" };

        Assert.Equal(new[] { "--profile", "--server" }, written.ToPairs().Select(pair => pair.Key));
    }

    [Theory]
    [InlineData(new[] { "--server", "https://x" }, "--profile is missing.")]
    [InlineData(new[] { "--profile" }, "'--profile' needs a value.")]
    [InlineData(new[] { "--profile", "p", "--bogus", "1" }, "unknown argument '--bogus'.")]
    [InlineData(new[] { "--profile", "p", "--profile", "q" }, "'--profile' is given twice.")]
    [InlineData(new[] { "--profile", "p", "--duration", "1h" }, "'--duration' needs a whole number of seconds, not '1h'.")]
    [InlineData(new[] { "--profile", "p", "--timeout", "-5" }, "'--timeout' needs a whole number of seconds, not '-5'.")]
    public void Arguments_it_cannot_use_are_refused_with_the_reason(string[] args, string expected)
    {
        Assert.False(CredentialProcessArguments.TryParse(args, out CredentialProcessArguments? read, out string? problem));
        Assert.Null(read);
        Assert.Equal(expected, problem);
    }
}
