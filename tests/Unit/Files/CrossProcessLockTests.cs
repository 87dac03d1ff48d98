using CasAws.Files;

namespace CasAws.Tests.Files;

public sealed class CrossProcessLockTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [SkippableFact]
    public void Lock_files_are_the_users_alone_also_when_an_older_version_left_one_readable()
    {
        if (OperatingSystem.IsWindows()) throw new SkipException("Unix file modes only");

        using var temp = new TempDirectory();
        string protectedFile = temp.File("credentials");
        string lockFile = CrossProcessLock.LockPath(protectedFile);
        using (CrossProcessLock.Acquire(protectedFile, TimeSpan.FromSeconds(5), CancellationToken.None))
        {
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(lockFile));
        }

        File.SetUnixFileMode(lockFile, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        using (CrossProcessLock.Acquire(protectedFile, TimeSpan.FromSeconds(5), CancellationToken.None))
        {
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(lockFile));
        }
    }
}
