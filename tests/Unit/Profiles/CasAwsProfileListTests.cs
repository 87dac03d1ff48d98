using System.Text;
using CasAws.Cache;
using CasAws.Files;
using CasAws.Profiles;

namespace CasAws.Tests.Profiles;

/// <summary>Issue 20, item 10: Get-CasAwsProfile lists what the AWS files hold, and Unregister-CasAwsProfile what it may take back.</summary>
public sealed class CasAwsProfileListTests
{
    private const string Server = "https://sso.example.org/cas";
    private const string Role = "arn:aws:iam::123456789012:role/CasDeveloper";

    private static IniDocument Parse(string text) => IniDocument.Parse(Encoding.UTF8.GetBytes(text), "\n");

    [Fact]
    public void A_registered_profile_is_read_from_its_credential_process_line_when_the_cache_has_nothing()
    {
        IniDocument config = Parse(
            "[profile cas-dev]\ncredential_process = \"/opt/my dir/CasAws.CredentialProcess\" --profile \"cas-dev\" --server \"" + Server + "\" --role-arn \"" + Role + "\"\nx_casaws_managed = true\n");

        CasAwsProfile profile = Assert.Single(CasAwsProfileList.List(config, null, Array.Empty<CredentialCacheEntry>()));

        Assert.Equal(CasAwsProfileKind.CredentialProcess, profile.Kind);
        Assert.Equal("cas-dev", profile.ProfileName);
        Assert.Equal(Server, profile.Server);
        Assert.Equal(Role, profile.Role);
        Assert.Null(profile.CachedUntil);
        Assert.Equal("/opt/my dir/CasAws.CredentialProcess", profile.HelperPath);
    }

    [Theory]
    [InlineData("[profile other]\ncredential_process = /usr/bin/other-tool --profile other\nx_casaws_managed = true\n")]
    [InlineData("[profile other]\ncredential_process = \"/opt/CasAws.CredentialProcess\" --profile \"other\"\n")]
    [InlineData("[profile other]\ncredential_process = \"/opt/CasAws.CredentialProcess\" --profile \"other\" --unknown \"x\"\nx_casaws_managed = true\n")]
    [InlineData("[profile other]\ncredential_process = \"/opt/CasAws.CredentialProcess --profile other\nx_casaws_managed = true\n")]
    [InlineData("[sso-session other]\ncredential_process = \"/opt/CasAws.CredentialProcess\" --profile \"other\"\nx_casaws_managed = true\n")]
    public void A_section_CasAws_did_not_write_for_its_helper_is_not_listed(string text)
    {
        Assert.Empty(CasAwsProfileList.List(Parse(text), null, Array.Empty<CredentialCacheEntry>()));
    }

    [Fact]
    public void Stored_keys_are_listed_with_their_expiry_and_the_users_own_keys_are_not()
    {
        IniDocument credentials = Parse(
            "[default]\naws_access_key_id = AKIAMINE\naws_secret_access_key = mine\n" +
            "[cas-keys]\naws_access_key_id = ASIAX\naws_secret_access_key = s\naws_session_token = t\nx_security_token_expires = 2030-01-02T03:04:05Z\nx_principal_arn = " + Role + "\nx_casaws_managed = true\n");

        CasAwsProfile profile = Assert.Single(CasAwsProfileList.List(null, credentials, Array.Empty<CredentialCacheEntry>()));

        Assert.Equal(CasAwsProfileKind.StoredKeys, profile.Kind);
        Assert.Equal("cas-keys", profile.ProfileName);
        Assert.Equal(new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc), profile.CachedUntil);
        Assert.Equal(DateTimeKind.Utc, profile.CachedUntil!.Value.Kind);
        Assert.Equal(Role, profile.Role);
        Assert.Null(profile.Server);
    }

    [Fact]
    public void A_cache_entry_whose_config_section_is_gone_is_still_listed_so_it_can_be_taken_back()
    {
        var entry = new CredentialCacheEntry("cas-gone", Server, Role);

        CasAwsProfile profile = Assert.Single(CasAwsProfileList.List(Parse(string.Empty), null, new[] { entry }));

        Assert.Equal("cas-gone", profile.ProfileName);
        Assert.Equal(CasAwsHelperState.NotConfigured, profile.HelperState);
    }

    [Theory]
    [InlineData("CasAws", false, "Missing", null, true, false)]
    [InlineData("Missing", true, "Missing", null, true, false)]
    [InlineData("Missing", false, "CasAws", null, false, true)]
    [InlineData("NoKeys", false, "CasAws", null, false, true)]
    [InlineData("CasAws", true, "CasAws", CasAwsProfileKind.StoredKeys, false, true)]
    [InlineData("CasAws", true, "CasAws", CasAwsProfileKind.CredentialProcess, true, false)]
    [InlineData("CasAws", false, "Foreign", null, true, false)]
    [InlineData("Missing", false, "Foreign", CasAwsProfileKind.StoredKeys, false, true)]
    [InlineData("Missing", false, "Foreign", null, false, false)]
    public void Unregistering_takes_back_the_users_own_keys_only_when_asked_for_stored_keys(
        string inConfig, bool cached, string inCredentials, CasAwsProfileKind? kind, bool credentialProcess, bool storedKeys)
    {
        // ProfileOwnership is internal, so the cases name it.
        ProfileUnregistration plan = ProfileUnregistration.Plan(Enum.Parse<ProfileOwnership>(inConfig), cached, Enum.Parse<ProfileOwnership>(inCredentials), kind);

        Assert.Equal(credentialProcess, plan.CredentialProcess);
        Assert.Equal(storedKeys, plan.StoredKeys);
    }
}
