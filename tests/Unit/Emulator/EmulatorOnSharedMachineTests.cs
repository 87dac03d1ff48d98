using System.Net;
using System.Text.Json;
using CasAws.Emulator.Hosting;

namespace CasAws.Tests.Emulator;

/// <summary>
/// The emulator on a shared machine (CI runners, lab hosts): its control API, which approves pushes and
/// hands out codes, answers only the holder of its token, and its certificate is never written where
/// another user could plant a link.
/// </summary>
public sealed class EmulatorOnSharedMachineTests
{
    [Fact]
    public async Task The_control_API_refuses_a_request_without_the_token()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var stranger = new HttpClient { BaseAddress = new Uri(emu.Running.Endpoints.HttpUrl) };
        using var impostor = new HttpClient { BaseAddress = new Uri(emu.Running.Endpoints.HttpUrl) };
        impostor.DefaultRequestHeaders.Add(ControlToken.Header, "not-the-token");

        using var withoutToken = await stranger.PostAsync("/control/reset", null);
        using var wrongToken = await impostor.GetAsync("/control/stats");
        using var withToken = await emu.Http.GetAsync("/control/stats");

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", emu.Running.Endpoints.ControlToken);
    }

    [SkippableFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Without_cert_out_the_certificate_goes_to_a_private_directory_removed_at_exit()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix file modes and SIGTERM");
        var work = Directory.CreateTempSubdirectory("casaws-emu-test-");
        try
        {
            string ready = Path.Combine(work.FullName, "ready.json");
            using var process = EmulatorProcessTests.Start("--ready-file", ready);
            for (var i = 0; i < 600 && !File.Exists(ready) && !process.HasExited; i++) await Task.Delay(50);
            Assert.True(File.Exists(ready), "no ready-file");
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(ready));
            string pem = document.RootElement.GetProperty("certificatePem").GetString()!;
            string directory = Path.GetDirectoryName(pem)!;

            Assert.NotEqual(Path.GetFullPath(Path.GetTempPath()).TrimEnd('/'), directory.TrimEnd('/'));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
            Assert.StartsWith("-----BEGIN CERTIFICATE-----", await File.ReadAllTextAsync(pem));
            Assert.Matches("^[A-Za-z0-9_-]{43}$", document.RootElement.GetProperty("controlToken").GetString());

            using (var kill = System.Diagnostics.Process.Start("kill", $"-TERM {process.Id}")) await kill!.WaitForExitAsync();
            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(exited.Token);
            Assert.False(Directory.Exists(directory));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [SkippableFact]
    public async Task Cert_out_at_a_planted_link_replaces_the_link_and_leaves_its_target_alone()
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links need privileges there");
        var work = Directory.CreateTempSubdirectory("casaws-emu-test-");
        try
        {
            string victim = Path.Combine(work.FullName, "victim.txt");
            await File.WriteAllTextAsync(victim, "keep me");
            string pem = Path.Combine(work.FullName, "cert.pem");
            File.CreateSymbolicLink(pem, victim);
            string ready = Path.Combine(work.FullName, "ready.json");
            using var process = EmulatorProcessTests.Start("--ready-file", ready, "--cert-out", pem);
            for (var i = 0; i < 600 && !File.Exists(ready) && !process.HasExited; i++) await Task.Delay(50);
            process.Kill();
            await process.WaitForExitAsync();

            Assert.Equal("keep me", await File.ReadAllTextAsync(victim));
            Assert.Null(new FileInfo(pem).LinkTarget);
            Assert.StartsWith("-----BEGIN CERTIFICATE-----", await File.ReadAllTextAsync(pem));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
