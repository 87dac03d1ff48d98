using CasAws.Emulator.Cas;
using CasAws.Emulator.Config;

namespace CasAws.Tests.Emulator;

public sealed class RoleChooserTests
{
    [Fact]
    public void Newest_code_says_no_roles_are_available_for_an_empty_role_list()
    {
        var choice = RoleChooser.Choose(CasVersion.Newest, Array.Empty<string>(), null);

        Assert.Null(choice.RoleArn);
        Assert.Equal("No roles are available for the authenticated principal", choice.Refusal);
    }

    [Fact]
    public void An_invalid_regex_roleArn_matches_nothing_as_in_CAS_RegexUtils()
    {
        var choice = RoleChooser.Choose(CasVersion.V7_2, new[] { "arn:aws:iam::1:role/A", "arn:aws:iam::1:role/B" }, "arn:aws:iam::1:role/[");

        Assert.Equal("Specified role is not allowed. Current roles:[arn:aws:iam::1:role/A, arn:aws:iam::1:role/B]", choice.Refusal);
    }

    [Fact]
    public void A_single_role_is_taken_when_no_roleArn_is_sent_in_every_version()
    {
        foreach (var version in Enum.GetValues<CasVersion>())
            Assert.Equal("arn:aws:iam::1:role/A", RoleChooser.Choose(version, new[] { "arn:aws:iam::1:role/A" }, null).RoleArn);
    }
}
