using System.Diagnostics;
using System.Text;
using CasAws.Files;

namespace CasAws.Tests.Files;

/// <summary>
/// Separate processes (tests/Tools/CasAws.FileWriter, which edits through CasAws's real editor, lock and
/// atomic writer) writing the same ~/.aws files at once, or killed in the middle of writing.
/// </summary>
public sealed class ConcurrentWritersTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Twenty_processes_writing_twenty_profiles_at_once_leave_all_twenty_and_lose_nothing_else()
    {
        string credentials = _temp.File("credentials");
        string config = _temp.File("config");
        const string credentialsBefore = "# long-term keys\r\n[default]\r\naws_access_key_id = AKIAKEEPME\r\naws_secret_access_key = keep/me\r\n";
        const string configBefore = "[default]\nregion = us-east-1\n\n[profile sso]\nsso_start_url = https://example.org/start";
        File.WriteAllText(credentials, credentialsBefore);
        File.WriteAllText(config, configBefore);
        string go = _temp.File("go");

        var writers = Enumerable.Range(1, 20)
            .Select(i => StartWriter("once", credentials, config, "parallel-" + i, go))
            .ToList();
        Thread.Sleep(500); // let them start and wait at the barrier, then release all at once
        File.WriteAllText(go, "go");
        foreach (Process writer in writers)
        {
            Assert.True(writer.WaitForExit(360_000), "a writer hung");
            Assert.True(writer.ExitCode == 0, writer.StandardError.ReadToEnd());
        }

        string credentialsAfter = File.ReadAllText(credentials);
        string configAfter = File.ReadAllText(config);
        Assert.StartsWith(credentialsBefore, credentialsAfter);
        Assert.StartsWith(configBefore, configAfter);
        IniDocument credentialsDocument = IniDocument.Parse(Encoding.UTF8.GetBytes(credentialsAfter), "\n");
        IniDocument configDocument = IniDocument.Parse(Encoding.UTF8.GetBytes(configAfter), "\n");
        for (int i = 1; i <= 20; i++)
        {
            Assert.Equal("token+parallel-" + i, credentialsDocument.ReadSection(AwsProfileSection.InCredentialsFile("parallel-" + i))!["aws_session_token"]);
            Assert.Contains("--profile \"parallel-" + i + "\"", configDocument.ReadSection(AwsProfileSection.InConfigFile("parallel-" + i))!["credential_process"]);
        }

        Assert.Equal(21, credentialsDocument.SectionHeaders().Count());
        Assert.Equal(22, configDocument.SectionHeaders().Count());
        Assert.Equal(2, Directory.GetFiles(_temp.Path).Count(path => !path.EndsWith("go", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_writer_killed_at_any_moment_leaves_the_old_or_the_new_file_and_the_next_write_works()
    {
        string config = _temp.File("config");
        const string before = "# keep\n[profile keep-me]\nregion = us-east-1\n";
        File.WriteAllText(config, before);
        var random = new Random();
        for (int round = 0; round < 3; round++)
        {
            string started = _temp.File("started-" + round);
            Process writer = StartWriter("loop", config, started);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!File.Exists(started) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(5);
            }

            Thread.Sleep(random.Next(20, 200));
            writer.Kill();
            writer.WaitForExit();

            string after = File.ReadAllText(config);
            Assert.StartsWith(before, after);
            Assert.True(after == before || after.StartsWith(before + "\n[profile churn]\ncredential_process = ", StringComparison.Ordinal), after);
            IniDocument.Parse(Encoding.UTF8.GetBytes(after), "\n"); // parses: never half-written
        }

        ConfigFileProfiles.SetRegion(config, "after-kill", "eu-west-1", CancellationToken.None);
        Assert.Contains("[profile after-kill]", File.ReadAllText(config));
    }

    private static Process StartWriter(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(WriterPath());
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CASAWS_CACHE_DIR"] = IsolatedCacheDirectory.Path;
        return Process.Start(start)!;
    }

    private static string WriterPath()
    {
        // .../tests/Unit/bin/<Configuration>/net10.0/ -> .../tests/Tools/CasAws.FileWriter/bin/<Configuration>/net10.0/
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string configuration = here.Parent!.Name;
        string tests = here.Parent.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(tests, "Tools", "CasAws.FileWriter", "bin", configuration, "net10.0", "CasAws.FileWriter.dll");
    }
}
