using CasAws.Cache;
using CasAws.Tests.Files;

namespace CasAws.Tests.Cache;

/// <summary>The per-user copy of the helper: made when missing, replaced by another source or a newer version, never by an older one, and trusted only while its content is what was written.</summary>
public sealed class UserHelperCopyTests : IDisposable
{
    private static readonly Version Current = new(1, 2, 0, 0);
    private readonly TempDirectory _temp = new();

    public UserHelperCopyTests()
    {
        string directory = Path.GetDirectoryName(UserHelperCopy.PathForCurrentUser())!;
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public void Dispose() => _temp.Dispose();

    private string Bundled(string folder, string content)
    {
        string path = Path.Combine(_temp.Path, folder, "CasAws.CredentialProcess");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Copies_when_missing_with_an_owner_only_executable_mode_and_a_stamp_naming_the_source()
    {
        string bundled = Bundled("1.2.0", "helper 1.2.0");

        Assert.Equal(HelperCopyOutcome.Copied, UserHelperCopy.Refresh(bundled, Current));

        string copy = UserHelperCopy.PathForCurrentUser();
        Assert.Equal("helper 1.2.0", File.ReadAllText(copy));
        Assert.StartsWith("1.2.0.0 ", File.ReadAllText(copy + ".source"));
        Assert.EndsWith(" " + bundled + "\n", File.ReadAllText(copy + ".source"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(copy));
        }
    }

    [Fact]
    public void Leaves_a_copy_of_the_same_file_alone()
    {
        string bundled = Bundled("1.2.0", "helper 1.2.0");
        UserHelperCopy.Refresh(bundled, Current);

        Assert.Equal(HelperCopyOutcome.Unchanged, UserHelperCopy.Refresh(bundled, Current));
    }

    [Fact]
    public void Replaces_a_copy_from_an_older_version_or_another_install_of_the_same_one()
    {
        UserHelperCopy.Refresh(Bundled("1.1.0", "helper 1.1.0"), new Version(1, 1, 0, 0));

        Assert.Equal(HelperCopyOutcome.Copied, UserHelperCopy.Refresh(Bundled("1.2.0", "helper 1.2.0"), Current));
        Assert.Equal("helper 1.2.0", File.ReadAllText(UserHelperCopy.PathForCurrentUser()));

        Assert.Equal(HelperCopyOutcome.Copied, UserHelperCopy.Refresh(Bundled("saved/1.2.0", "helper 1.2.0 saved"), Current));
        Assert.Equal("helper 1.2.0 saved", File.ReadAllText(UserHelperCopy.PathForCurrentUser()));
    }

    [Fact]
    public void Never_downgrades_a_copy_a_newer_version_made()
    {
        UserHelperCopy.Refresh(Bundled("1.3.0", "helper 1.3.0"), new Version(1, 3, 0, 0));

        Assert.Equal(HelperCopyOutcome.Unchanged, UserHelperCopy.Refresh(Bundled("1.2.0", "helper 1.2.0"), Current));
        Assert.Equal("helper 1.3.0", File.ReadAllText(UserHelperCopy.PathForCurrentUser()));
    }

    [Fact]
    public void Makes_the_copy_again_when_it_was_deleted()
    {
        string bundled = Bundled("1.2.0", "helper 1.2.0");
        UserHelperCopy.Refresh(bundled, Current);
        File.Delete(UserHelperCopy.PathForCurrentUser());

        Assert.Equal(HelperCopyOutcome.Copied, UserHelperCopy.Refresh(bundled, Current));
    }

    [Fact]
    public void Records_the_copy_s_hash_and_replaces_a_changed_copy_even_under_a_newer_version_s_stamp()
    {
        string bundled = Bundled("1.2.0", "helper 1.2.0");
        UserHelperCopy.Refresh(bundled, Current);
        string copy = UserHelperCopy.PathForCurrentUser();
        Assert.Equal(64, File.ReadAllText(copy + ".sha256").Trim().Length);
        Assert.Equal(CasAwsHelperState.Ready, CredentialProcessHelper.StateOf(copy));

        // What issue 19 found: a stamp claiming a newer version kept whatever binary was there.
        File.WriteAllText(copy + ".source", "99.0.0.0 1 1 /elsewhere/CasAws/99.0.0/bin/x/CasAws.CredentialProcess\n");
        File.WriteAllText(copy, "planted helper");

        Assert.Equal(CasAwsHelperState.Modified, CredentialProcessHelper.StateOf(copy));
        Assert.Equal(HelperCopyOutcome.Repaired, UserHelperCopy.Refresh(bundled, Current));
        Assert.Equal("helper 1.2.0", File.ReadAllText(copy));
        Assert.Equal(CasAwsHelperState.Ready, CredentialProcessHelper.StateOf(copy));
    }

    [Fact]
    public void A_copy_without_a_recorded_hash_is_not_trusted_by_its_stamp()
    {
        string bundled = Bundled("1.2.0", "helper 1.2.0");
        UserHelperCopy.Refresh(bundled, Current);
        string copy = UserHelperCopy.PathForCurrentUser();
        File.Delete(copy + ".sha256");

        Assert.Equal(CasAwsHelperState.Modified, CredentialProcessHelper.StateOf(copy));
        Assert.Equal(HelperCopyOutcome.Repaired, UserHelperCopy.Refresh(bundled, Current));
    }

    [Fact]
    public void Another_program_is_judged_by_its_mode_only()
    {
        string bundled = Bundled("1.2.0", "helper 1.2.0");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(bundled, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        Assert.Equal(CasAwsHelperState.Ready, CredentialProcessHelper.StateOf(bundled));
    }

    [Theory]
    [InlineData("\"/home/u/.local/share/casaws/bin/CasAws.CredentialProcess\" --profile \"p\"", "/home/u/.local/share/casaws/bin/CasAws.CredentialProcess")]
    [InlineData("/usr/local/bin/helper --profile p", "/usr/local/bin/helper")]
    [InlineData("  ", null)]
    [InlineData("\"unterminated", null)]
    public void Reads_the_program_of_a_credential_process_line(string line, string? program) =>
        Assert.Equal(program, CredentialProcessHelper.ProgramOf(line));
}
