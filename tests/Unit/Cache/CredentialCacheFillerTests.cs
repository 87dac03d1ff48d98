using CasAws.Cache;
using CasAws.Credentials;
using CasAws.Tests.Files;

namespace CasAws.Tests.Cache;

public sealed class CredentialCacheFillerTests : IDisposable
{
    private const string Developer = "arn:aws:iam::123456789012:role/CasDeveloper";
    private readonly TempDirectory _temp = new();
    private readonly CredentialCacheStore _store;
    private readonly List<string> _warnings = new();

    public CredentialCacheFillerTests() => _store = new CredentialCacheStore(Path.Combine(_temp.Path, "credentials"));

    public void Dispose() => _temp.Dispose();

    private static CasAwsCredential Credential(string? assumedRoleArn = null) =>
        new("ASIAFILLED", "secret", "token", DateTime.UtcNow.AddHours(1)) { AccountId = "123456789012", AssumedRoleArn = assumedRoleArn };

    [Fact]
    public void Fills_every_profile_registered_for_the_same_server_and_role_and_no_other()
    {
        _store.Write(new CredentialCacheEntry("dev-a", "https://cas.example.org/cas", Developer));
        _store.Write(new CredentialCacheEntry("dev-b", "https://cas.example.org/cas", Developer));
        _store.Write(new CredentialCacheEntry("admin", "https://cas.example.org/cas", "arn:aws:iam::123456789012:role/Admin"));
        _store.Write(new CredentialCacheEntry("elsewhere", "https://other.example.org/cas", Developer));

        int filled = CredentialCacheFiller.Fill(_store, Credential(), new CredentialOrigin(new Uri("https://CAS.example.org/cas/"), "bob", Developer, TimeSpan.FromHours(1)), _warnings.Add);

        Assert.Equal(2, filled);
        Assert.Equal("ASIAFILLED", _store.Read("dev-a")!.AccessKeyId);
        Assert.Equal("ASIAFILLED", _store.Read("dev-b")!.AccessKeyId);
        Assert.False(_store.Read("admin")!.HasKeys);
        Assert.False(_store.Read("elsewhere")!.HasKeys);
    }

    [Theory]
    [InlineData(Developer, Developer, null, true)]
    [InlineData(Developer, "arn:aws:iam::123456789012:role/Other", null, false)]
    [InlineData(null, null, null, true)]
    [InlineData(null, Developer, null, false)]
    [InlineData(Developer, null, "arn:aws:sts::123456789012:assumed-role/CasDeveloper/3f2a", true)]
    [InlineData("arn:aws:iam::123456789012:role/path/CasDeveloper", null, "arn:aws:sts::123456789012:assumed-role/CasDeveloper/3f2a", true)]
    [InlineData(Developer, null, "arn:aws:sts::999999999999:assumed-role/CasDeveloper/3f2a", false)]
    [InlineData(Developer, null, null, false)]
    public void Matches_roles_by_arn_or_when_cas_chose_the_role_by_the_assumed_role(string? registered, string? requested, string? assumed, bool same) =>
        Assert.Equal(same, CredentialCacheFiller.IsSameRole(registered, requested, assumed));

    [Fact]
    public void A_cache_entry_that_cannot_be_written_is_a_warning_naming_the_profile_not_an_exception()
    {
        _store.Write(new CredentialCacheEntry("dev", "https://cas.example.org/cas", Developer));
        _store.Write(new CredentialCacheEntry("dev-b", "https://cas.example.org/cas", Developer));
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(_store.EntryPath("dev"), FileAttributes.ReadOnly);
        }
        else
        {
            File.SetUnixFileMode(_store.EntryPath("dev"), UnixFileMode.UserRead);
        }

        int filled = CredentialCacheFiller.Fill(_store, Credential(), Origin("bob"), _warnings.Add);

        Assert.Equal(1, filled);
        Assert.Equal("ASIAFILLED", _store.Read("dev-b")!.AccessKeyId);
        Assert.False(_store.Read("dev")!.HasKeys);
        string warning = Assert.Single(_warnings);
        Assert.Contains("profile 'dev'", warning);
        Assert.DoesNotContain("secret", warning);
    }

    [SkippableFact]
    public void A_cache_directory_others_can_write_is_neither_read_nor_written_and_says_so()
    {
        if (OperatingSystem.IsWindows()) throw new SkipException("Unix file modes only");
        _store.Write(new CredentialCacheEntry("dev", "https://cas.example.org/cas", Developer));

        File.SetUnixFileMode(_store.Directory, (UnixFileMode)0x1FF);

        Assert.Equal(0, CredentialCacheFiller.Fill(_store, Credential(), Origin("bob"), _warnings.Add));

        Assert.Contains("group or others can write", Assert.Single(_warnings));
        Assert.Equal((UnixFileMode)0x1FF, File.GetUnixFileMode(_store.Directory));
    }

    [Fact]
    public void Keys_that_outlive_the_new_ones_stay()
    {
        _store.Write(new CredentialCacheEntry("dev", "https://cas.example.org/cas", Developer)
            .WithKeys("ASIALONG", "secret", "token", DateTime.UtcNow.AddHours(8), null));
        _store.Write(new CredentialCacheEntry("stale", "https://cas.example.org/cas", Developer)
            .WithKeys("ASIASTALE", "secret", "token", DateTime.UtcNow.AddMinutes(-5), null));

        Assert.Equal(1, CredentialCacheFiller.Fill(_store, Credential(), Origin("bob"), _warnings.Add));

        Assert.Equal("ASIALONG", _store.Read("dev")!.AccessKeyId);
        Assert.Equal("ASIAFILLED", _store.Read("stale")!.AccessKeyId);
    }

    [Fact]
    public void A_profile_registered_for_one_user_is_filled_only_by_that_users_logins_and_an_unclaimed_one_is_claimed()
    {
        _store.Write(new CredentialCacheEntry("bobs", "https://cas.example.org/cas", Developer, "bob"));
        _store.Write(new CredentialCacheEntry("unclaimed", "https://cas.example.org/cas", Developer));

        Assert.Equal(1, CredentialCacheFiller.Fill(_store, Credential(), Origin("mallory"), _warnings.Add));

        Assert.False(_store.Read("bobs")!.HasKeys);
        Assert.Equal("mallory", _store.Read("unclaimed")!.UserName);
        Assert.Equal(1, CredentialCacheFiller.Fill(_store, Credential(), Origin("bob"), _warnings.Add));
        Assert.Equal("ASIAFILLED", _store.Read("bobs")!.AccessKeyId);
    }

    private static CredentialOrigin Origin(string user) => new(new Uri("https://cas.example.org/cas"), user, Developer, TimeSpan.FromHours(1));
}
