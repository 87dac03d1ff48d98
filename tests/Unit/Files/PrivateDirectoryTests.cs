using CasAws.Files;

namespace CasAws.Tests.Files;

public sealed class PrivateDirectoryTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Creates_a_missing_directory_owner_only()
    {
        string path = _temp.File("cache");

        PrivateDirectory.Ensure(path);

        Assert.True(Directory.Exists(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        }
    }

    [SkippableTheory]
    [InlineData(0x1FF)] // 0777
    [InlineData(0x1F8)] // 0770
    [InlineData(0x1C2)] // 0702
    public void Refuses_a_directory_group_or_others_can_write_and_leaves_its_mode(int mode)
    {
        if (OperatingSystem.IsWindows()) throw new SkipException("Unix file modes only");

        string path = _temp.File("shared");
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, (UnixFileMode)mode);

        var refused = Assert.Throws<UntrustedDirectoryException>(() => PrivateDirectory.Ensure(path));

        Assert.Contains("group or others can write", refused.Message);
        Assert.Equal((UnixFileMode)mode, File.GetUnixFileMode(path));
    }

    [SkippableFact]
    public void Uses_an_existing_directory_of_the_user_that_others_may_only_read_without_changing_its_mode()
    {
        if (OperatingSystem.IsWindows()) throw new SkipException("Unix file modes only");

        string path = _temp.File("readable");
        Directory.CreateDirectory(path);
        const UnixFileMode readable = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(path, readable);

        PrivateDirectory.Ensure(path);

        Assert.Equal(readable, File.GetUnixFileMode(path));
    }

    [SkippableFact]
    public void Refuses_a_directory_another_user_owns()
    {
        if (OperatingSystem.IsWindows()) throw new SkipException("Unix file owners only");
        Skip.IfNot(FileSystemTricks.IsRoot, "only root can give a directory to another user");

        string path = _temp.File("theirs");
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, OwnerOnly);
        Assert.True(FileSystemTricks.Run("chown", "65534", path));

        var refused = Assert.Throws<UntrustedDirectoryException>(() => PrivateDirectory.Ensure(path));

        Assert.Contains("belongs to user id 65534", refused.Message);
    }

    [SkippableFact]
    public void Reads_the_owner_of_a_path_and_the_current_user()
    {
        if (OperatingSystem.IsWindows()) throw new SkipException("Unix file owners only");

        Assert.Equal(UnixFileStatus.CurrentUserId(), UnixFileStatus.OwnerOf(_temp.Path));
        Assert.Equal(0u, UnixFileStatus.OwnerOf("/"));
        Assert.Null(UnixFileStatus.OwnerOf(_temp.File("missing")));
    }
}
