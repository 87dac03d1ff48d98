using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CasAws.Emulator.Config;

namespace CasAws.Tests.Emulator;

/// <summary>The emulator as the separate program other tests start: its command line, ready-file and shutdown.</summary>
public sealed class EmulatorProcessTests
{
    private static string EmulatorDll => Path.Combine(AppContext.BaseDirectory, "CasAws.Emulator.dll");

    internal static Process Start(params string[] arguments)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(EmulatorDll);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        return Process.Start(info)!;
    }

    [SkippableFact]
    public async Task It_writes_the_ready_file_serves_http_and_https_and_stops_cleanly_on_SIGTERM()
    {
        if (OperatingSystem.IsWindows()) throw new SkipException("SIGTERM is a Unix signal; Ctrl+C is the Windows path");
        var work = Directory.CreateTempSubdirectory("casaws-emu-test-");
        try
        {
            var ready = Path.Combine(work.FullName, "ready.json");
            var pem = Path.Combine(work.FullName, "cert.pem");
            using var process = Start("--ready-file", ready, "--cert-out", pem);
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            for (var i = 0; i < 600 && !File.Exists(ready) && !process.HasExited; i++) await Task.Delay(50);
            Assert.True(File.Exists(ready), "no ready-file; stderr: " + (process.HasExited ? await errors : ""));

            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(ready));
            var root = document.RootElement;
            foreach (var name in new[] { "httpsUrl", "casBaseHttps", "stsUrlHttps", "federationUrl" })
                Assert.Matches(@"^https://127\.0\.0\.1:\d+", root.GetProperty(name).GetString());
            foreach (var name in new[] { "httpUrl", "casBaseHttp", "stsUrlHttp", "controlUrl", "federationUrlHttp" })
                Assert.Matches(@"^http://127\.0\.0\.1:\d+", root.GetProperty(name).GetString());
            Assert.Equal(pem, root.GetProperty("certificatePem").GetString());
            Assert.Equal(process.Id, root.GetProperty("processId").GetInt32());
            Assert.StartsWith("-----BEGIN CERTIFICATE-----", await File.ReadAllTextAsync(pem));
            using var http = new HttpClient();
            using var response = await http.PostAsync(root.GetProperty("casBaseHttp").GetString() + "/actuator/awsSts",
                new FormUrlEncodedContent(TestEmulator.Form(("username", "casuser"), ("password", "Mellon"), ("duration", "PT1H"))));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            using (var kill = Process.Start("kill", $"-TERM {process.Id}")) await kill.WaitForExitAsync();
            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(exited.Token);

            Assert.Equal(0, process.ExitCode);
            var log = await output;
            Assert.Contains("/cas/actuator/awsSts", log);
            Assert.Contains("user=casuser -> 200", log);
            Assert.Contains("Emulator stopped.", log);
            Assert.DoesNotContain("Mellon", log);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--https-port", "nope")]
    public async Task A_bad_command_line_exits_2_with_usage(params string[] arguments)
    {
        using var process = Start(arguments);
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--https-port", errors);
    }

    [Fact]
    public void A_configuration_with_mistakes_is_refused_with_every_problem_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ConfigLoader.Parse("""
            { "casServers": [ { "version": "5.0", "lineEnding": "CR", "credentialAccessKey": "AKIANOBODY0000000000" } ],
              "users": [ { "username": "u", "mfa": { "push": "maybe" } } ],
              "sts": { "accountId": "12" } }
            """));

        foreach (var expected in new[] { "5.0", "lineEnding", "AKIANOBODY0000000000", "mfa.push", "accountId" })
            Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void An_unknown_configuration_key_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ConfigLoader.Parse("""{ "casServer": [] }"""));

        Assert.Contains("casServer", error.Message);
    }

    [Fact]
    public void The_sample_configuration_loads()
    {
        var config = ConfigLoader.LoadFile(ConfigLoader.SamplePath);

        Assert.Contains(config.Users, u => u.Username == "casuser" && u.Password == "Mellon");
        Assert.Equal(new[] { "cas", "cas-session", "cas64" }, config.CasServers.Select(s => s.Name));
    }
}
