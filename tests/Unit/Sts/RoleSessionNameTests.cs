using CasAws.Aws;

namespace CasAws.Tests.Sts;

public sealed class RoleSessionNameTests
{
    [Theory]
    [InlineData("jdoe", "jdoe")]
    [InlineData("jdoe@example.edu", "jdoe@example.edu")]
    [InlineData("first.last+aws=1,x_y-z", "first.last+aws=1,x_y-z")]
    [InlineData("EXAMPLE\\jdoe", "EXAMPLE-jdoe")]
    [InlineData("jane doe", "jane-doe")]
    [InlineData("  jdoe  ", "jdoe")]
    [InlineData("josé", "jos")]
    [InlineData("ü", "casaws")]
    [InlineData("j", "casaws-j")]
    [InlineData("", "casaws")]
    [InlineData(null, "casaws")]
    public void Sanitises_the_CAS_user_name_into_what_STS_accepts(string? userName, string expected)
    {
        string name = RoleSessionName.FromUserName(userName);

        Assert.Equal(expected, name);
        Assert.True(RoleSessionName.IsValid(name));
    }

    [Fact]
    public void Cuts_long_names_to_64_characters()
    {
        string name = RoleSessionName.FromUserName(new string('a', 100) + "@example.edu");

        Assert.Equal(new string('a', 64), name);
        Assert.True(RoleSessionName.IsValid(name));
    }

    [Theory]
    [InlineData("ab", true)]
    [InlineData("a", false)]
    [InlineData("has space", false)]
    [InlineData("slash/no", false)]
    public void Validates_names_given_by_the_user(string name, bool valid)
    {
        Assert.Equal(valid, RoleSessionName.IsValid(name));
    }

    [Fact]
    public void Rejects_names_over_64_characters()
    {
        Assert.False(RoleSessionName.IsValid(new string('a', 65)));
        Assert.True(RoleSessionName.IsValid(new string('a', 64)));
    }
}
