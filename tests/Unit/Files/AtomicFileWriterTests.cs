using System.Text;
using CasAws.Files;

namespace CasAws.Tests.Files;

public sealed class AtomicFileWriterTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Creates_a_new_file_owner_only_in_a_new_private_directory()
    {
        string path = Path.Combine(_temp.Path, ".aws", "credentials");

        AtomicFileWriter.Write(path, Encoding.UTF8.GetBytes("[a]\n"), FilePrivacy.KeepExistingOrOwnerOnly);

        Assert.Equal("[a]\n", File.ReadAllText(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        }
    }

    [SkippableFact]
    public void Keeps_the_mode_of_a_config_file_and_makes_a_credentials_file_private()
    {
        if (OperatingSystem.IsWindows()) throw new SkipException("Unix file modes only");

        const UnixFileMode shared = OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        string config = _temp.File("config");
        string credentials = _temp.File("credentials");
        File.WriteAllText(config, "old");
        File.WriteAllText(credentials, "old");
        File.SetUnixFileMode(config, shared);
        File.SetUnixFileMode(credentials, shared);

        AtomicFileWriter.Write(config, Encoding.UTF8.GetBytes("new"), FilePrivacy.KeepExistingOrOwnerOnly);
        AtomicFileWriter.Write(credentials, Encoding.UTF8.GetBytes("new"), FilePrivacy.OwnerOnly);

        Assert.Equal(shared, File.GetUnixFileMode(config));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(credentials));
    }

    [Fact]
    public void A_failure_between_the_temporary_file_and_the_rename_leaves_the_old_file_and_no_debris()
    {
        string path = _temp.File("credentials");
        File.WriteAllText(path, "old content");
        string? temporarySeen = null;
        AtomicFileWriter.BeforeRenameForTests = temporary =>
        {
            if (temporary.StartsWith(_temp.Path, StringComparison.Ordinal))
            {
                temporarySeen = temporary;
                Assert.Equal("new content", File.ReadAllText(temporary));
                throw new IOException("simulated crash before rename");
            }
        };
        try
        {
            Assert.Throws<IOException>(() => AtomicFileWriter.Write(path, Encoding.UTF8.GetBytes("new content"), FilePrivacy.OwnerOnly));
        }
        finally
        {
            AtomicFileWriter.BeforeRenameForTests = null;
        }

        Assert.NotNull(temporarySeen);
        Assert.Equal("old content", File.ReadAllText(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(_temp.Path));
    }

    [Fact]
    public void Removes_temporary_files_abandoned_by_a_killed_writer_but_not_fresh_ones()
    {
        string path = _temp.File("credentials");
        string abandoned = _temp.File(".credentials.0123456789ab.tmp");
        string fresh = _temp.File(".credentials.ba9876543210.tmp");
        string unrelated = _temp.File(".config.0123456789ab.tmp");
        foreach (string file in new[] { abandoned, fresh, unrelated })
        {
            File.WriteAllText(file, "partial");
        }

        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddHours(-1));
        File.SetLastWriteTimeUtc(unrelated, DateTime.UtcNow.AddHours(-1));

        AtomicFileWriter.Write(path, Encoding.UTF8.GetBytes("new"), FilePrivacy.OwnerOnly);

        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(fresh));
        Assert.True(File.Exists(unrelated));
    }

    [SkippableFact]
    public void Writes_through_a_symbolic_link_and_keeps_the_link()
    {
        if (OperatingSystem.IsWindows()) throw new SkipException("creating symbolic links needs a privilege on Windows");

        string real = _temp.File("dotfiles-credentials");
        string link = _temp.File("credentials");
        File.WriteAllText(real, "old");
        File.CreateSymbolicLink(link, real);

        AtomicFileWriter.Write(link, Encoding.UTF8.GetBytes("new"), FilePrivacy.OwnerOnly);

        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal("new", File.ReadAllText(real));
    }

    [Fact]
    public void Refuses_a_read_only_file_keeping_its_content_and_mode()
    {
        string path = _temp.File("credentials");
        File.WriteAllText(path, "mine");
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(path, FileAttributes.ReadOnly);
        }
        else
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead);
        }

        Assert.Throws<ReadOnlyFileException>(() => AtomicFileWriter.Write(path, Encoding.UTF8.GetBytes("new"), FilePrivacy.OwnerOnly));

        Assert.Equal("mine", File.ReadAllText(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(path));
        }

        Assert.Single(Directory.GetFiles(_temp.Path));
    }

    [SkippableFact]
    public void Refuses_a_symbolic_link_to_nothing_and_keeps_the_link()
    {
        string link = _temp.File("config");
        string target = _temp.File("dotfiles/config");
        try
        {
            File.CreateSymbolicLink(link, target);
        }
        catch (IOException) when (OperatingSystem.IsWindows())
        {
            throw new SkipException("creating symbolic links needs a privilege on Windows");
        }

        var refused = Assert.Throws<DanglingSymbolicLinkException>(() => AtomicFileWriter.Write(link, Encoding.UTF8.GetBytes("new"), FilePrivacy.KeepExistingOrOwnerOnly));

        Assert.Contains(target, refused.Message);
        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.False(File.Exists(target));
    }
}
