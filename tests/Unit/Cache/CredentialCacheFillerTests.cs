using CasAws.Cache;
using CasAws.Credentials;
using CasAws.Tests.Files;

namespace CasAws.Tests.Cache;

public sealed class CredentialCacheFillerTests : IDisposable
{
    private const string Developer = "arn:aws:iam::123456789012:role/CasDeveloper";
    private readonly TempDirectory _temp = new();
    private readonly CredentialCacheStore _store;

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

        int filled = CredentialCacheFiller.Fill(_store, Credential(), new CredentialOrigin(new Uri("https://CAS.example.org/cas/"), "bob", Developer, TimeSpan.FromHours(1)));

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
    public void An_unwritable_cache_does_not_throw()
    {
        _store.Write(new CredentialCacheEntry("dev", "https://cas.example.org/cas", Developer));
        if (!FileSystemTricks.TryMakeUnwritable(_store.Directory))
        {
            return;
        }

        try
        {
            Assert.Equal(0, CredentialCacheFiller.Fill(_store, Credential(), new CredentialOrigin(new Uri("https://cas.example.org/cas"), "bob", Developer, TimeSpan.FromHours(1))));
        }
        finally
        {
            FileSystemTricks.MakeWritable(_store.Directory);
        }
    }
}
