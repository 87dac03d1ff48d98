using CasAws.Cas;
using CasAws.Connections;

namespace CasAws.Tests.Connections;

/// <summary>
/// A login that named no saved connection (issue 20, item 2) updates only the connection of the same server,
/// user and login kind, and otherwise is saved under a new name: no other user's or login kind's settings are lost.
/// </summary>
public sealed class ConnectionStoreSaveTests : IDisposable
{
    private const string Server = "https://sso.example.org/cas";
    private readonly string directory = Path.Combine(Path.GetTempPath(), "casaws-store-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }

    private ConnectionStore Store => new ConnectionStore(directory);

    private static SavedConnection Password(string user, CasMfaProvider provider = CasMfaProvider.Duo, string? account = null) =>
        new SavedConnection { Name = "sso.example.org", Server = Server, UserName = user, MfaProvider = provider, MfaAccount = account };

    private static SavedConnection Browser() => new SavedConnection { Name = "sso.example.org", Server = Server, OpenIdConnect = true };

    private ConnectionSaveResult SaveUnnamed(SavedConnection connection) => Store.Save(connection, CancellationToken.None, nameGiven: false);

    [Fact]
    public void Three_users_on_one_server_keep_three_connections_and_each_login_updates_its_own()
    {
        ConnectionSaveResult grace = SaveUnnamed(Password("grace", CasMfaProvider.GoogleAuthenticator, "2"));
        ConnectionSaveResult bob = SaveUnnamed(Password("bob"));
        ConnectionSaveResult carol = SaveUnnamed(Password("carol.o'neil@example.org"));

        Assert.Equal("sso.example.org", grace.Name);
        Assert.False(grace.Replaced);
        Assert.Empty(grace.OthersForServer);
        Assert.Equal("sso.example.org-bob", bob.Name);
        Assert.Equal(new[] { "sso.example.org" }, bob.OthersForServer);
        Assert.Equal("sso.example.org-carol.o_neil_example.org", carol.Name);
        Assert.False(carol.Replaced);

        // bob again, now with a code provider: his own connection is updated, grace's MFA settings stay.
        ConnectionSaveResult again = SaveUnnamed(Password("BOB", CasMfaProvider.YubiKey));
        Assert.Equal("sso.example.org-bob", again.Name);
        Assert.True(again.Replaced);

        List<SavedConnection> saved = Store.Load().Connections;
        Assert.Equal(3, saved.Count);
        SavedConnection graceSaved = Assert.Single(saved, c => c.Name == "sso.example.org");
        Assert.Equal("grace", graceSaved.UserName);
        Assert.Equal(CasMfaProvider.GoogleAuthenticator, graceSaved.MfaProvider);
        Assert.Equal("2", graceSaved.MfaAccount);
        Assert.Equal(CasMfaProvider.YubiKey, Assert.Single(saved, c => c.Name == "sso.example.org-bob").MfaProvider);
        Assert.True(Assert.Single(saved, c => c.IsDefault).Name == "sso.example.org-bob", "the last login is the default");
    }

    [Fact]
    public void A_browser_login_after_a_Google_Authenticator_one_is_saved_beside_it_and_updates_itself_next_time()
    {
        SaveUnnamed(Password("grace", CasMfaProvider.GoogleAuthenticator, "1"));
        ConnectionSaveResult browser = SaveUnnamed(Browser());
        Assert.Equal("sso.example.org-browser", browser.Name);
        Assert.Equal(new[] { "sso.example.org" }, browser.OthersForServer);

        Assert.True(SaveUnnamed(Browser()).Replaced);
        List<SavedConnection> saved = Store.Load().Connections;
        Assert.Equal(2, saved.Count);
        SavedConnection grace = Assert.Single(saved, c => !c.OpenIdConnect);
        Assert.Equal(("grace", CasMfaProvider.GoogleAuthenticator, "1"), (grace.UserName, grace.MfaProvider, grace.MfaAccount));
    }

    [Fact]
    public void A_named_save_replaces_that_name_and_an_unnamed_one_prefers_the_default_of_several_matches()
    {
        Store.Save(new SavedConnection { Name = "work", Server = Server, UserName = "grace" }, CancellationToken.None);
        Store.Save(new SavedConnection { Name = "work2", Server = Server, UserName = "grace" }, CancellationToken.None);
        Assert.Equal("work2", SaveUnnamed(Password("grace")).Name);

        ConnectionSaveResult named = Store.Save(new SavedConnection { Name = "work", Server = Server, UserName = "bob" }, CancellationToken.None);
        Assert.True(named.Replaced);
        Assert.Equal("bob", Store.Load().Find("work")!.UserName);
    }

    [Fact]
    public void A_new_name_stays_valid_and_unused_for_long_or_odd_user_names()
    {
        var taken = new List<string> { "sso.example.org" };
        var connection = Password(new string('x', 80));
        string first = SavedConnectionNames.Unused(connection, taken);
        Assert.True(SavedConnectionNames.IsValid(first), first);
        taken.Add(first);
        string second = SavedConnectionNames.Unused(connection, taken);
        Assert.True(SavedConnectionNames.IsValid(second), second);
        Assert.EndsWith("-2", second);
        Assert.Equal("sso.example.org-user", SavedConnectionNames.Unused(Password("@@@"), taken));
    }
}
