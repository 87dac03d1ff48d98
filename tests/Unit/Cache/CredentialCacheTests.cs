using System.Text;
using CasAws.Cache;
using CasAws.Tests.Files;

namespace CasAws.Tests.Cache;

public sealed class CredentialCacheTests : IDisposable
{
    private static readonly DateTime Expiry = new(2026, 11, 27, 8, 0, 0, 500, DateTimeKind.Utc);
    private readonly TempDirectory _temp = new();
    private readonly CredentialCacheStore _store;

    public CredentialCacheTests() => _store = new CredentialCacheStore(Path.Combine(_temp.Path, "cache", "credentials"));

    public void Dispose() => _temp.Dispose();

    private static CredentialCacheEntry Registered(string profile = "cas-dev") =>
        new(profile, "https://cas.example.org/cas", "arn:aws:iam::111111111111:role/Dev");

    [Fact]
    public void An_entry_round_trips_with_keys_to_the_second()
    {
        CredentialCacheEntry entry = Registered().WithKeys("ASIA", "se/cr+et=", "to+k/en=", Expiry, "111111111111");

        _store.Write(entry);
        CredentialCacheEntry read = _store.Read("cas-dev")!;

        Assert.Equal("ASIA", read.AccessKeyId);
        Assert.Equal("se/cr+et=", read.SecretAccessKey);
        Assert.Equal("to+k/en=", read.SessionToken);
        Assert.Equal(new DateTime(2026, 11, 27, 8, 0, 0, DateTimeKind.Utc), read.Expiration);
        Assert.Equal("2026-11-27T08:00:00Z", read.ExpirationText);
        Assert.Equal("111111111111", read.AccountId);
        Assert.Equal("arn:aws:iam::111111111111:role/Dev", read.RoleArn);
    }

    [Fact]
    public void A_registration_without_keys_round_trips()
    {
        _store.Write(new CredentialCacheEntry("session", "https://cas.example.org/cas", null));

        CredentialCacheEntry read = _store.Read("session")!;

        Assert.False(read.HasKeys);
        Assert.Null(read.RoleArn);
        Assert.Equal("Get-CasAwsCredential -Server 'https://cas.example.org/cas'", read.LoginCommand());
    }

    [Fact]
    public void A_browser_login_registration_keeps_its_kind_through_keys_a_new_user_and_a_log_out()
    {
        var entry = new CredentialCacheEntry("oidc", "https://cas.example.org/cas", "arn:aws:iam::111111111111:role/Dev", null, browserLogin: true);

        _store.Write(entry.ForUser("bob").WithKeys("ASIA", "S", "T", Expiry, null));
        CredentialCacheEntry read = _store.Read("oidc")!;
        _store.Write(read.WithoutKeys());
        CredentialCacheEntry loggedOut = _store.Read("oidc")!;

        Assert.True(read.BrowserLogin);
        Assert.True(read.HasKeys);
        Assert.True(loggedOut.BrowserLogin);
        Assert.False(loggedOut.HasKeys);
        Assert.Equal("bob", loggedOut.UserName);
        Assert.Equal("Connect-CasAws -Server 'https://cas.example.org/cas' -OpenIdConnect", loggedOut.LoginCommand());
    }

    [Fact]
    public void The_login_command_takes_the_helpers_options_for_a_password_profile_and_ignores_them_for_a_browser_one()
    {
        var options = new CredentialProcessArguments("cas-dev")
        {
            RoleArn = "arn:aws:iam::222222222222:role/Other",
            UserName = "alice",
            CaBundlePath = "/etc/ca.pem",
        };
        var unregistered = new CredentialCacheEntry("cas-dev", "https://cas.example.org/cas", null);
        var browser = new CredentialCacheEntry("cas-dev", "https://cas.example.org/cas", null, browserLogin: true);

        Assert.Equal("Get-CasAwsCredential -Server 'https://cas.example.org/cas' -RoleArn 'arn:aws:iam::111111111111:role/Dev' -UserName 'alice' -CaBundlePath '/etc/ca.pem'",
            Registered().LoginCommand(options));
        Assert.Equal("Get-CasAwsCredential -Server 'https://cas.example.org/cas' -RoleArn 'arn:aws:iam::222222222222:role/Other' -UserName 'alice' -CaBundlePath '/etc/ca.pem'",
            unregistered.LoginCommand(options));
        Assert.Equal("Connect-CasAws -Server 'https://cas.example.org/cas' -OpenIdConnect", browser.LoginCommand(options));
    }

    [Fact]
    public void An_entry_written_before_the_login_kind_was_recorded_reads_as_a_password_login()
    {
        File.WriteAllText(Path.Combine(_temp.Path, "old.cache"), "CasAws credential cache 1\nprofile=old\nserver=https://cas.example.org/cas\nuser=bob\n");

        CredentialCacheEntry read = CredentialCacheEntry.TryParse(File.ReadAllText(Path.Combine(_temp.Path, "old.cache")))!;

        Assert.False(read.BrowserLogin);
        Assert.DoesNotContain("login=", read.Serialize(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Files_and_directory_are_owner_only_on_unix()
    {
        if (OperatingSystem.IsWindows()) throw new SkipException("Unix file modes only");

        _store.Write(Registered().WithKeys("A", "S", "T", Expiry, null));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_store.EntryPath("cas-dev")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_store.Directory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(_store.Directory)!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("CasAws credential cache 2\nprofile=cas-dev\nserver=s\n")]
    [InlineData("CasAws credential cache 1\nprofile=cas-dev\nserver=s\naccessKeyId=A\n")]
    [InlineData("CasAws credential cache 1\nprofile=cas-dev\nserver=s\naccessKeyId=A\nsecretAccessKey=S\nsessionToken=T\nexpiration=tomorrow\n")]
    [InlineData("CasAws credential cache 1\nprofile=cas-dev\nprofile=other\nserver=s\n")]
    [InlineData("CasAws credential cache 1\nprofile=someone-else\nserver=s\n")]
    public void A_corrupt_or_foreign_file_reads_as_no_entry(string content)
    {
        Directory.CreateDirectory(_store.Directory);
        File.WriteAllText(_store.EntryPath("cas-dev"), content);

        Assert.Null(_store.Read("cas-dev"));
    }

    [Fact]
    public void Invalid_utf8_reads_as_no_entry()
    {
        Directory.CreateDirectory(_store.Directory);
        File.WriteAllBytes(_store.EntryPath("cas-dev"), new byte[] { 0xC3, 0x28, 0xFF });

        Assert.Null(_store.Read("cas-dev"));
    }

    [Fact]
    public void Lists_registrations_and_skips_unreadable_files_and_deletes()
    {
        _store.Write(Registered("a"));
        _store.Write(Registered("B"));
        File.WriteAllText(Path.Combine(_store.Directory, "junk.cache"), "junk");

        Assert.Equal(new[] { "B", "a" }, _store.ReadAll().Select(e => e.ProfileName).OrderBy(n => n, StringComparer.Ordinal));
        Assert.True(_store.Delete("a"));
        Assert.False(_store.Delete("a"));
        Assert.Null(_store.Read("a"));
    }

    [Theory]
    [InlineData("dev", "dev")]
    [InlineData("Dev", "_44ev")]
    [InlineData("a/b\\c", "a_2fb_5cc")]
    [InlineData(".hidden", "_2ehidden")]
    [InlineData("caf\u00e9", "caf_c3_a9")]
    public void File_names_are_safe_and_distinguish_case(string profile, string fileName) =>
        Assert.Equal(fileName, CredentialCacheStore.FileNameFor(profile));

    [Fact]
    public void Line_breaks_cannot_be_smuggled_into_the_cache()
    {
        CredentialCacheEntry entry = new("p", "https://x\nsecretAccessKey=evil", null);

        Assert.Throws<ArgumentException>(() => entry.Serialize());
    }

    [Fact]
    public void Stored_bytes_are_protected_on_windows_and_plain_elsewhere()
    {
        _store.Write(Registered().WithKeys("ASIAPLAIN", "S", "T", Expiry, null));
        string stored = Encoding.Latin1.GetString(File.ReadAllBytes(_store.EntryPath("cas-dev")));

        Assert.Equal(!OperatingSystem.IsWindows(), stored.Contains("ASIAPLAIN"));
    }
}
