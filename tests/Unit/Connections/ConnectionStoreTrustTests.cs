using System.Diagnostics;
using CasAws.Connections;
using CasAws.Errors;

namespace CasAws.Tests.Connections;

/// <summary>
/// connections.json is read only from a directory and a file that are the current user's alone (issue 19,
/// item 3): whoever else can write it could send the next login, and its password, to their own server.
/// </summary>
public sealed class ConnectionStoreTrustTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "casaws-config-" + Guid.NewGuid().ToString("N"));

    public ConnectionStoreTrustTests()
    {
        Directory.CreateDirectory(_directory);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_directory, OwnerOnly);
        new ConnectionStore(_directory).Save(new SavedConnection { Name = "work", Server = "https://sso.example.org/cas", UserName = "grace" }, default);
    }

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private string FilePath => Path.Combine(_directory, ConnectionStore.FileName);

    public void Dispose()
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_directory, OwnerOnly);
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Reads_a_file_only_its_owner_can_write()
    {
        ConnectionSnapshot snapshot = new ConnectionStore(_directory).Load();

        Assert.Null(snapshot.Problem);
        Assert.Equal("work", Assert.Single(snapshot.Connections).Name);
    }

    [Theory]
    [InlineData(true, UnixFileMode.GroupWrite)]
    [InlineData(true, UnixFileMode.OtherWrite)]
    [InlineData(false, UnixFileMode.OtherWrite)]
    public void Ignores_a_file_or_directory_that_group_or_others_can_write_and_names_it(bool theFile, UnixFileMode extra)
    {
        if (OperatingSystem.IsWindows()) return;
        string path = theFile ? FilePath : _directory;
        File.SetUnixFileMode(path, File.GetUnixFileMode(path) | extra);

        ConnectionSnapshot snapshot = new ConnectionStore(_directory).Load();

        Assert.Empty(snapshot.Connections);
        Assert.Equal(ErrorIds.ConnectionSettingsUntrusted, snapshot.ProblemId);
        Assert.Contains("'" + path + "' is ignored", snapshot.Problem);
        Assert.Contains("group or others can write", snapshot.Problem);
    }

    [Fact]
    public void Ignores_a_file_another_user_owns()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root") return; // only root can give a file away
        using (Process chown = Process.Start("chown", new[] { "65534", FilePath }))
        {
            chown.WaitForExit();
            Assert.Equal(0, chown.ExitCode);
        }

        ConnectionSnapshot snapshot = new ConnectionStore(_directory).Load();

        Assert.Empty(snapshot.Connections);
        Assert.Contains("belongs to user id 65534", snapshot.Problem);
    }
}
