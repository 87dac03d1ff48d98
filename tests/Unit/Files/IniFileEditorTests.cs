using System.Text;
using CasAws.Files;

namespace CasAws.Tests.Files;

public sealed class IniFileEditorTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static bool AddDev(IniDocument document) =>
        document.SetKeys(h => h == "dev", "dev", new[] { new KeyValuePair<string, string>("a", "1") }, Array.Empty<string>());

    [Fact]
    public void A_malformed_file_is_left_byte_for_byte_and_the_error_names_file_and_line()
    {
        string path = _temp.File("credentials");
        byte[] original = Encoding.UTF8.GetBytes("[ok]\nk = v\n[broken\n");
        File.WriteAllBytes(path, original);

        AwsFileException error = Assert.Throws<AwsFileException>(() => IniFileEditor.Edit(path, FilePrivacy.OwnerOnly, AddDev, CancellationToken.None));

        Assert.Contains(path, error.Message);
        Assert.Contains("line 3", error.Message);
        Assert.Contains("was not changed", error.Message);
        Assert.Equal(original, File.ReadAllBytes(path));
    }

    [SkippableFact]
    public void An_unwritable_directory_gives_a_clear_error_and_loses_nothing()
    {
        string directory = Path.Combine(_temp.Path, "locked");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, "credentials");
        byte[] original = Encoding.UTF8.GetBytes("[keep]\r\nk = v");
        File.WriteAllBytes(path, original);
        Skip.IfNot(FileSystemTricks.TryMakeUnwritable(directory), "no way to make a directory unwritable on this machine");

        try
        {
            AwsFileException error = Assert.Throws<AwsFileException>(() => IniFileEditor.Edit(path, FilePrivacy.OwnerOnly, AddDev, CancellationToken.None));
            Assert.Contains("was not changed", error.Message);
            Assert.Contains(path, error.Message);
        }
        finally
        {
            FileSystemTricks.MakeWritable(directory);
        }

        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(directory));
    }

    [Fact]
    public void Does_not_touch_the_file_when_nothing_changes()
    {
        string path = _temp.File("config");
        File.WriteAllText(path, "[dev]\na = 1\n");
        DateTime before = File.GetLastWriteTimeUtc(path).AddSeconds(-10);
        File.SetLastWriteTimeUtc(path, before);

        Assert.False(IniFileEditor.Edit(path, FilePrivacy.KeepExistingOrOwnerOnly, AddDev, CancellationToken.None));

        Assert.Equal(before, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void Concurrent_edits_of_different_sections_from_many_threads_all_survive()
    {
        string path = _temp.File("credentials");
        File.WriteAllText(path, "# user's own\n[long-term]\naws_access_key_id = AKIAKEEP\n");

        Parallel.For(0, 40, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            IniFileEditor.Edit(path, FilePrivacy.OwnerOnly, document =>
                document.SetKeys(h => h == "p" + i, "p" + i, new[] { new KeyValuePair<string, string>("n", i.ToString()) }, Array.Empty<string>()),
                CancellationToken.None));

        IniDocument result = IniDocument.Parse(File.ReadAllBytes(path), "\n");
        for (int i = 0; i < 40; i++)
        {
            Assert.Equal(i.ToString(), result.ReadSection(h => h == "p" + i)!["n"]);
        }

        Assert.StartsWith("# user's own\n[long-term]\naws_access_key_id = AKIAKEEP\n", File.ReadAllText(path));
    }

    [Fact]
    public void The_lock_is_exclusive_and_times_out_with_a_message()
    {
        string path = _temp.File("credentials");
        using (CrossProcessLock.Acquire(path, TimeSpan.FromSeconds(1), CancellationToken.None))
        {
            TimeoutException error = Assert.Throws<TimeoutException>(() => CrossProcessLock.Acquire(path, TimeSpan.FromMilliseconds(200), CancellationToken.None));
            Assert.Contains(path, error.Message);
        }

        using (CrossProcessLock.Acquire(path, TimeSpan.FromSeconds(1), CancellationToken.None))
        {
        }
    }

    [Fact]
    public void Waiting_for_the_lock_stops_when_cancelled()
    {
        string path = _temp.File("credentials");
        using CrossProcessLock held = CrossProcessLock.Acquire(path, TimeSpan.FromSeconds(1), CancellationToken.None);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        Assert.ThrowsAny<OperationCanceledException>(() => CrossProcessLock.Acquire(path, TimeSpan.FromMinutes(1), cancellation.Token));
    }
}
