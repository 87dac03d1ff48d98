using CasAws.Aws;

namespace CasAws.Tests.Sts;

public sealed class RoleChainRulesTests
{
    [Theory]
    [InlineData(900, null)]
    [InlineData(3600, true)]
    [InlineData(43200, false)]
    [InlineData(43200, null)]
    public void Accepts_durations_STS_accepts(int seconds, bool? sourceIsRole)
    {
        Assert.Null(RoleChainRules.CheckDuration(TimeSpan.FromSeconds(seconds), sourceIsRole));
    }

    [Theory]
    [InlineData(899)]
    [InlineData(43201)]
    public void Refuses_durations_outside_15_minutes_to_12_hours(int seconds)
    {
        string? message = RoleChainRules.CheckDuration(TimeSpan.FromSeconds(seconds), false);

        Assert.NotNull(message);
        Assert.Contains("15 minutes", message);
    }

    [Fact]
    public void Explains_the_one_hour_cap_of_role_chaining()
    {
        string? message = RoleChainRules.CheckDuration(TimeSpan.FromSeconds(3601), sourceIsRole: true);

        Assert.NotNull(message);
        Assert.Contains("role chaining", message);
        Assert.Contains("1 hour", message);
        Assert.Contains("-Duration 01:00:00", message);
    }

    [Theory]
    [InlineData("ab", true)]
    [InlineData("urn:example:ext/id=1", true)]
    [InlineData("a", false)]
    [InlineData("has space", false)]
    public void Checks_external_ids(string value, bool valid) => Assert.Equal(valid, RoleChainRules.IsExternalId(value));

    [Theory]
    [InlineData("arn:aws:iam::111111111111:mfa/jdoe", true)]
    [InlineData("GAHT12345678", true)]
    [InlineData("short", false)]
    public void Checks_mfa_serial_numbers(string value, bool valid) => Assert.Equal(valid, RoleChainRules.IsSerialNumber(value));

    [Theory]
    [InlineData("123456", true)]
    [InlineData("12345", false)]
    [InlineData("12345a", false)]
    public void Checks_mfa_token_codes(string value, bool valid) => Assert.Equal(valid, RoleChainRules.IsTokenCode(value));
}
