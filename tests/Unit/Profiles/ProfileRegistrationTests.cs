using CasAws.Cache;
using CasAws.Credentials;
using CasAws.Errors;
using CasAws.Files;
using CasAws.Profiles;

namespace CasAws.Tests.Profiles;

/// <summary>Issue 22, item 1: the rules of 'Get-CasAwsRole | Register-CasAwsProfile -NameTemplate T [-Prune]'.</summary>
public sealed class ProfileRegistrationTests
{
    private const string Server = "https://sso.example.org/cas";
    private static readonly CasAwsRole Developer = CasAwsRole.FromArn("arn:aws:iam::123456789012:role/CasDeveloper");
    private static readonly CasAwsRole Admin = CasAwsRole.FromArn("arn:aws:iam::123456789012:role/engineering/CasAdmin");
    private static readonly CasAwsRole Odd = CasAwsRole.FromArn("arn:aws:iam::123456789012:role/ops/team.a/Read+Only=1,x@y_z-2");
    private static readonly CasAwsRole OtherAccount = CasAwsRole.FromArn("arn:aws:iam::210987654321:role/CasDeveloper");

    private static string? Aliases(string accountId) => accountId == "123456789012" ? "research-prod" : null;

    private static ProfileRegistrationPlan Plan(IEnumerable<CasAwsRole> roles, string template, IReadOnlyList<CredentialCacheEntry>? registered = null,
        bool prune = false, Func<string, ProfileOwnership>? ownership = null) =>
        ProfileRegistration.Plan(roles, template, Aliases, Server, "erin", registered ?? Array.Empty<CredentialCacheEntry>(), prune, ownership ?? (_ => ProfileOwnership.CasAws));

    [Fact]
    public void Each_placeholder_is_filled_from_the_role_and_the_alias_and_the_id_stands_in_for_a_missing_alias()
    {
        Assert.Equal("research-prod-CasDeveloper", ProfileNameTemplate.Expand("{AccountAlias}-{RoleName}", Developer, "research-prod"));
        Assert.Equal("123456789012-CasDeveloper", ProfileNameTemplate.Expand("{AccountAlias}-{RoleName}", Developer, null));
        Assert.Equal("aws.123456789012.engineering.CasAdmin", ProfileNameTemplate.Expand("{Partition}.{AccountId}.{RolePath}.{RoleName}", Admin, null));
    }

    [Theory]
    [InlineData("{RoleName}", "Read-Only-1-x-y_z-2")]
    [InlineData("cas {RolePath} {RoleName}", "cas-ops-team.a-Read-Only-1-x-y_z-2")]
    [InlineData("[{RoleName}]", "Read-Only-1-x-y_z-2")]
    [InlineData("\"{RoleName}\";#\u001b\u00e9", "Read-Only-1-x-y_z-2")]
    public void Unsafe_characters_become_one_hyphen_and_none_is_left_at_an_end(string template, string expected)
    {
        string name = ProfileNameTemplate.Expand(template, Odd, null);

        Assert.Equal(expected, name);
        Assert.True(AwsProfileSection.IsValidName(name));
    }

    [Theory]
    [InlineData("{Account}-{RoleName}", "{Account}")]
    [InlineData("{RoleName", "without a '}'")]
    [InlineData("RoleName}", "without a '{'")]
    [InlineData("static-name", "no placeholder")]
    public void A_template_with_an_unknown_placeholder_an_unpaired_brace_or_no_placeholder_is_refused(string template, string why)
    {
        CasAwsException error = Assert.Throws<CasAwsException>(() => ProfileNameTemplate.Check(template));

        Assert.Equal(ErrorIds.ProfileNameTemplateInvalid, error.ErrorId);
        Assert.Equal(CasAwsErrorKind.InvalidArgument, error.Kind);
        Assert.Contains(why, error.Message);
    }

    [Fact]
    public void Two_roles_giving_one_name_are_refused_before_anything_is_planned_and_the_error_names_both()
    {
        CasAwsException error = Assert.Throws<CasAwsException>(() => Plan(new[] { Developer, OtherAccount }, "{RoleName}"));

        Assert.Equal(ErrorIds.ProfileNameClash, error.ErrorId);
        Assert.Equal("CasDeveloper", error.Target);
        Assert.Contains(Developer.RoleArn, error.Message);
        Assert.Contains(OtherAccount.RoleArn, error.Message);
    }

    [Fact]
    public void Names_that_differ_only_in_case_or_in_unsafe_characters_clash_too()
    {
        CasAwsRole lower = CasAwsRole.FromArn("arn:aws:iam::123456789012:role/casdeveloper");
        CasAwsRole spaced = CasAwsRole.FromArn("arn:aws:iam::123456789012:role/Cas@Developer");
        CasAwsRole dashed = CasAwsRole.FromArn("arn:aws:iam::123456789012:role/Cas-Developer");

        Assert.Equal(ErrorIds.ProfileNameClash, Assert.Throws<CasAwsException>(() => Plan(new[] { Developer, lower }, "{RoleName}")).ErrorId);
        Assert.Equal(ErrorIds.ProfileNameClash, Assert.Throws<CasAwsException>(() => Plan(new[] { spaced, dashed }, "{RoleName}")).ErrorId);
    }

    [Fact]
    public void The_same_role_listed_twice_is_one_profile_and_a_role_that_carries_an_alias_uses_it()
    {
        ProfileRegistrationPlan plan = Plan(new[] { Developer, Developer, OtherAccount.WithAccountAlias("teaching") }, "{AccountAlias}-{RoleName}");

        Assert.Equal(new[] { "research-prod-CasDeveloper", "teaching-CasDeveloper" }, plan.Register.Select(p => p.Name));
    }

    [Fact]
    public void A_name_CasAws_registered_before_is_a_change_and_a_new_one_an_addition()
    {
        var registered = new[] { new CredentialCacheEntry("research-prod-CasDeveloper", Server, Developer.RoleArn, "erin") };

        ProfileRegistrationPlan plan = Plan(new[] { Developer, Admin }, "{AccountAlias}-{RoleName}", registered);

        Assert.Equal(new[] { ProfileChange.Change, ProfileChange.Add }, plan.Register.Select(p => p.Change));
        Assert.Empty(plan.Prune);
    }

    [Fact]
    public void Prune_takes_only_CasAws_profiles_of_this_server_and_user_whose_role_is_no_longer_listed()
    {
        var registered = new[]
        {
            new CredentialCacheEntry("stale", Server, Admin.RoleArn, "ERIN"),
            new CredentialCacheEntry("kept-listed", Server, Developer.RoleArn, "erin"),
            new CredentialCacheEntry("other-user", Server, Admin.RoleArn, "bob"),
            new CredentialCacheEntry("no-user", Server, Admin.RoleArn),
            new CredentialCacheEntry("other-server", "https://other.example.org/cas", Admin.RoleArn, "erin"),
            new CredentialCacheEntry("session-token", Server, null, "erin"),
            new CredentialCacheEntry("hand-edited", Server, Admin.RoleArn, "erin"),
            new CredentialCacheEntry("config-gone", Server, Odd.RoleArn, "erin"),
        };
        ProfileOwnership Ownership(string name) => name switch
        {
            "hand-edited" => ProfileOwnership.Foreign,
            "config-gone" => ProfileOwnership.Missing,
            _ => ProfileOwnership.CasAws,
        };

        ProfileRegistrationPlan plan = Plan(new[] { Developer }, "{RoleName}", registered, prune: true, ownership: Ownership);

        Assert.Equal(new[] { "config-gone", "stale" }, plan.Prune.Select(e => e.ProfileName));
        Assert.Empty(Plan(new[] { Developer }, "{RoleName}", registered, prune: false, ownership: Ownership).Prune);
    }

    [Fact]
    public void Prune_never_removes_a_profile_the_plan_writes_again_under_the_same_name()
    {
        var registered = new[] { new CredentialCacheEntry("CasDeveloper", Server, Admin.RoleArn, "erin") };

        ProfileRegistrationPlan plan = Plan(new[] { Developer }, "{RoleName}", registered, prune: true);

        Assert.Empty(plan.Prune);
        Assert.Equal(ProfileChange.Change, Assert.Single(plan.Register).Change);
    }
}
