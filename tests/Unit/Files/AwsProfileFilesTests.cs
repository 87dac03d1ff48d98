using System.Text;
using CasAws.Files;

namespace CasAws.Tests.Files;

public sealed class AwsProfileFilesTests : IDisposable
{
    private static readonly DateTime Expiry = new(2026, 11, 27, 8, 0, 0, DateTimeKind.Utc);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static TemporaryKeys Keys(string id = "ASIANEW") =>
        new(id, "secret+/=", "token/+=", Expiry) { RoleArn = "arn:aws:iam::111111111111:role/Dev" };

    [Fact]
    public void Storing_a_profile_changes_only_its_section_in_a_crlf_file_without_final_newline()
    {
        string path = _temp.File("credentials");
        const string before = "# keep me\r\n[default]\r\naws_access_key_id = AKIALONGTERM\r\naws_secret_access_key = long/term\r\n\r\n; other tool\r\n[other]\r\nregion=eu-west-1";
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(before));

        Assert.True(CredentialsFileProfiles.Store(path, "cas-dev", Keys(), force: false, CancellationToken.None));

        string expected = before + "\r\n\r\n[cas-dev]\r\naws_access_key_id = ASIANEW\r\naws_secret_access_key = secret+/=\r\naws_session_token = token/+=\r\n"
            + "x_security_token_expires = 2026-11-27T08:00:00Z\r\nx_principal_arn = arn:aws:iam::111111111111:role/Dev\r\nx_casaws_managed = true";
        Assert.Equal(expected, File.ReadAllText(path));
        Assert.Equal(ProfileOwnership.CasAws, CredentialsFileProfiles.Inspect(path, "cas-dev"));
    }

    [Fact]
    public void Storing_again_updates_the_keys_in_place_and_keeps_keys_the_user_added()
    {
        string path = _temp.File("credentials");
        CredentialsFileProfiles.Store(path, "cas-dev", Keys("ASIAONE"), force: false, CancellationToken.None);
        File.AppendAllText(path, "region = eu-central-1\n");

        CredentialsFileProfiles.Store(path, "cas-dev", new TemporaryKeys("ASIATWO", "s", "t", Expiry), force: false, CancellationToken.None);

        IReadOnlyDictionary<string, string> section = IniDocument.Parse(File.ReadAllBytes(path), "\n").ReadSection(h => h == "cas-dev")!;
        Assert.Equal("ASIATWO", section["aws_access_key_id"]);
        Assert.Equal("eu-central-1", section["region"]);
        Assert.False(section.ContainsKey("x_principal_arn"));
    }

    [Fact]
    public void Long_term_keys_are_not_overwritten_without_force()
    {
        string path = _temp.File("credentials");
        byte[] original = Encoding.UTF8.GetBytes("[prod]\naws_access_key_id = AKIALONGTERM\naws_secret_access_key = keep\n");
        File.WriteAllBytes(path, original);

        Assert.Equal(ProfileOwnership.Foreign, CredentialsFileProfiles.Inspect(path, "prod"));
        ProfileNotOwnedException error = Assert.Throws<ProfileNotOwnedException>(() => CredentialsFileProfiles.Store(path, "prod", Keys(), force: false, CancellationToken.None));
        Assert.Contains("-Force", error.Message);
        Assert.Equal(original, File.ReadAllBytes(path));

        Assert.True(CredentialsFileProfiles.Store(path, "prod", Keys(), force: true, CancellationToken.None));
        Assert.Equal(ProfileOwnership.CasAws, CredentialsFileProfiles.Inspect(path, "prod"));
    }

    [Fact]
    public void Removing_a_static_profile_needs_force_only_when_casaws_did_not_write_it()
    {
        string path = _temp.File("credentials");
        File.WriteAllText(path, "[mine]\naws_access_key_id = AKIA\n");
        CredentialsFileProfiles.Store(path, "ours", Keys(), force: false, CancellationToken.None);

        Assert.True(CredentialsFileProfiles.Remove(path, "ours", force: false, CancellationToken.None));
        Assert.Throws<ProfileNotOwnedException>(() => CredentialsFileProfiles.Remove(path, "mine", force: false, CancellationToken.None));
        Assert.Equal("[mine]\naws_access_key_id = AKIA\n", File.ReadAllText(path));
        Assert.True(CredentialsFileProfiles.Remove(path, "mine", force: true, CancellationToken.None));
    }

    [Fact]
    public void Registers_and_unregisters_a_credential_process_profile_leaving_the_rest_untouched()
    {
        string path = _temp.File("config");
        const string before = "[default]\nregion = us-east-1\n\n[profile sso]\nsso_start_url = https://example.org/start\n";
        File.WriteAllText(path, before);

        ConfigFileProfiles.RegisterCredentialProcess(path, "cas-prod", "\"/opt/casaws/helper\" --profile cas-prod", "eu-west-1", force: false, CancellationToken.None);

        Assert.Equal(before + "\n[profile cas-prod]\ncredential_process = \"/opt/casaws/helper\" --profile cas-prod\nregion = eu-west-1\nx_casaws_managed = true\nx_casaws_added = credential_process,region\n",
            File.ReadAllText(path));
        Assert.True(ConfigFileProfiles.Remove(path, "cas-prod", force: false, CancellationToken.None));
        Assert.Equal(before, File.ReadAllText(path));
    }

    [Fact]
    public void A_profile_configured_for_another_credential_source_needs_force_and_then_loses_only_the_competing_keys()
    {
        string path = _temp.File("config");
        File.WriteAllText(path, "[profile sso]\nsso_start_url = https://example.org/start\noutput = json\n");

        Assert.Throws<ProfileNotOwnedException>(() =>
            ConfigFileProfiles.RegisterCredentialProcess(path, "sso", "\"/x\"", null, force: false, CancellationToken.None));
        ConfigFileProfiles.RegisterCredentialProcess(path, "sso", "\"/x\"", null, force: true, CancellationToken.None);

        Assert.Equal("[profile sso]\noutput = json\ncredential_process = \"/x\"\nx_casaws_managed = true\n"
            + "x_casaws_replaced_sso_start_url = https://example.org/start\nx_casaws_added = credential_process\n", File.ReadAllText(path));
        Assert.True(ConfigFileProfiles.Remove(path, "sso", force: false, CancellationToken.None));
        Assert.Equal("[profile sso]\noutput = json\nsso_start_url = https://example.org/start\n", File.ReadAllText(path));
    }

    [Fact]
    public void Unregistering_a_profile_casaws_never_wrote_needs_force_even_without_keys()
    {
        string path = _temp.File("config");
        const string before = "[default]\nregion = us-west-2\n";
        File.WriteAllText(path, before);

        Assert.Throws<ProfileNotOwnedException>(() => ConfigFileProfiles.Remove(path, "default", force: false, CancellationToken.None));
        Assert.Equal(before, File.ReadAllText(path));
        Assert.True(ConfigFileProfiles.Remove(path, "default", force: true, CancellationToken.None));
        Assert.Equal(string.Empty, File.ReadAllText(path));
    }

    [Fact]
    public void Registering_again_keeps_the_users_first_value_and_unregistering_gives_it_back()
    {
        string path = _temp.File("config");
        const string before = "[profile work]\nregion = eu-west-1\noutput = json\n";
        File.WriteAllText(path, before);

        ConfigFileProfiles.RegisterCredentialProcess(path, "work", "\"/x\"", "us-east-1", force: false, CancellationToken.None);
        ConfigFileProfiles.RegisterCredentialProcess(path, "work", "\"/y\"", "ap-south-1", force: false, CancellationToken.None);
        File.AppendAllText(path, "cli_pager = less\n");
        Assert.True(ConfigFileProfiles.Remove(path, "work", force: false, CancellationToken.None));

        Assert.Equal(before + "cli_pager = less\n", File.ReadAllText(path));
    }

    [Fact]
    public void A_section_marked_before_the_record_existed_loses_only_credential_process_and_region()
    {
        string path = _temp.File("config");
        File.WriteAllText(path, "[profile old]\ncredential_process = /x\nregion = eu-west-1\nx_casaws_managed = true\noutput = json\n");

        Assert.True(ConfigFileProfiles.Remove(path, "old", force: false, CancellationToken.None));

        Assert.Equal("[profile old]\noutput = json\n", File.ReadAllText(path));
    }

    [Fact]
    public void The_default_profile_lives_in_the_default_section_of_the_config_file()
    {
        string path = _temp.File("config");
        File.WriteAllText(path, "[default]\noutput = text\n");

        ConfigFileProfiles.SetRegion(path, "default", "ca-central-1", CancellationToken.None);
        ConfigFileProfiles.SetRegion(path, "other", "us-west-2", CancellationToken.None);

        Assert.Equal("[default]\noutput = text\nregion = ca-central-1\n\n[profile other]\nregion = us-west-2\n", File.ReadAllText(path));
    }

    [Theory]
    [InlineData("cas-dev", true)]
    [InlineData("team.prod_1", true)]
    [InlineData("has space", false)]
    [InlineData("br[acket", false)]
    [InlineData("", false)]
    public void Checks_profile_names(string name, bool valid) => Assert.Equal(valid, AwsProfileSection.IsValidName(name));
}
