using CasAws.Credentials;
using CasAws.Errors;

namespace CasAws.Tests.Cas;

public class RoleArnResolverTests
{
    private static readonly CasAwsRole[] Roles =
    {
        CasAwsRole.FromArn("arn:aws:iam::111111111111:role/Dev"),
        CasAwsRole.FromArn("arn:aws:iam::111111111111:role/prod/ProdAdmin"),
        CasAwsRole.FromArn("arn:aws:iam::222222222222:role/Dev"),
        CasAwsRole.FromArn("arn:aws:iam::222222222222:role/ProdRead"),
    };

    [Fact]
    public void An_exact_arn_is_taken_as_is_even_when_unknown()
    {
        Assert.Equal("arn:aws:iam::999999999999:role/X", RoleArnResolver.Resolve("arn:aws:iam::999999999999:role/X", Roles, "s"));
        Assert.Equal("arn:aws:iam::999999999999:role/X", RoleArnResolver.Resolve("arn:aws:iam::999999999999:role/X", null, "s"));
    }

    [Theory]
    [InlineData("ProdAdmin", "arn:aws:iam::111111111111:role/prod/ProdAdmin")]
    [InlineData("prodread", "arn:aws:iam::222222222222:role/ProdRead")]
    [InlineData("*Admin", "arn:aws:iam::111111111111:role/prod/ProdAdmin")]
    [InlineData("*222222222222*Dev", "arn:aws:iam::222222222222:role/Dev")]
    public void A_name_or_pattern_matching_one_role_resolves(string input, string expected)
    {
        Assert.Equal(expected, RoleArnResolver.Resolve(input, Roles, "s"));
    }

    [Fact]
    public void An_ambiguous_name_lists_the_candidates()
    {
        var error = Assert.Throws<CasAwsException>(() => RoleArnResolver.Resolve("Dev", Roles, "s"));
        Assert.Equal(ErrorIds.RoleArnAmbiguous, error.ErrorId);
        Assert.Contains("arn:aws:iam::111111111111:role/Dev", error.Message);
        Assert.Contains("arn:aws:iam::222222222222:role/Dev", error.Message);
        Assert.DoesNotContain("ProdRead", error.Message);
    }

    [Fact]
    public void An_unknown_name_lists_every_role()
    {
        var error = Assert.Throws<CasAwsException>(() => RoleArnResolver.Resolve("Nope*", Roles, "s"));
        Assert.Equal(ErrorIds.RoleArnNotFound, error.ErrorId);
        Assert.Contains("ProdRead", error.Message);
    }

    [Fact]
    public void A_name_without_a_role_list_asks_for_the_full_arn()
    {
        var error = Assert.Throws<CasAwsException>(() => RoleArnResolver.Resolve("Dev", null, "s"));
        Assert.Equal(ErrorIds.RoleListUnknown, error.ErrorId);
    }
}
