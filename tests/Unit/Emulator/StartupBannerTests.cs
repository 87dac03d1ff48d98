using System.Net;
using System.Text.Json;
using CasAws.Emulator.Config;
using CasAws.Emulator.Hosting;
using static CasAws.Tests.Emulator.TestEmulator;

namespace CasAws.Tests.Emulator;

/// <summary>What a person who starts the emulator reads: how to connect to it, and how to answer a push.</summary>
public sealed class StartupBannerTests
{
    [Fact]
    public async Task The_banner_gives_the_value_for_Server_the_issuer_and_every_sample_user_without_a_password()
    {
        var work = Directory.CreateTempSubdirectory("casaws-emu-banner-");
        using var process = EmulatorProcessTests.Start("--ready-file", Path.Combine(work.FullName, "ready.json"), "--cert-out", Path.Combine(work.FullName, "cert.pem"));
        try
        {
            var banner = new List<string>();
            while (await process.StandardOutput.ReadLineAsync() is { } line && !line.StartsWith("Press Ctrl+C", StringComparison.Ordinal)) banner.Add(line);
            var text = string.Join("\n", banner);
            var readyFile = Path.Combine(work.FullName, "ready.json");
            for (var i = 0; i < 200 && !File.Exists(readyFile); i++) await Task.Delay(50);   // written just after the banner
            using var ready = JsonDocument.Parse(await File.ReadAllTextAsync(readyFile));
            var cas = ready.RootElement.GetProperty("casServers").GetProperty("cas");
            var casBase = cas.GetProperty("casBaseHttps").GetString()!;
            var pem = Path.Combine(work.FullName, "cert.pem");

            Assert.Contains($"Connect-CasAws -Server {casBase} -CaBundlePath '{pem}'\n", text);
            Assert.Contains($"Connect-CasAws -Server {casBase} -CaBundlePath '{pem}' -OpenIdConnect\n", text);
            Assert.Contains($"OpenID Connect issuer: {cas.GetProperty("oidcIssuerHttps").GetString()} ", text);
            Assert.DoesNotContain($"-Server {casBase}/actuator", text);
            var sample = SampleConfig();
            Assert.Contains(ConfigLoader.SamplePath, text);
            foreach (var user in sample.Users)
            {
                Assert.Contains(banner, line => line.TrimStart().StartsWith(user.Username + " ", StringComparison.Ordinal));
                Assert.DoesNotContain(user.Password, text);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_sample_has_the_demo_user_whose_push_waits_for_you()
    {
        var dana = SampleConfig().Users.Single(user => user.Username == "dana");

        Assert.Equal("never", dana.Mfa!.Push);
        Assert.Equal(2, dana.Attributes["awsroles"].Count);
        Assert.Contains("yourself", dana.Description);
    }

    [Fact]
    public async Task A_push_only_you_can_answer_is_announced_with_the_command_that_approves_it()
    {
        var console = new StringWriter();
        var config = SampleConfig();
        await using var running = await EmulatorHost.StartAsync(config, new EmulatorHostOptions { Log = TextWriter.Synchronized(console) });
        using var http = new HttpClient { BaseAddress = new Uri(running.Endpoints.HttpUrl) };

        var login = http.PostAsync("/cas/actuator/awsSts", new FormUrlEncodedContent(Form(("username", "dana"), ("password", "dana-pw"), ("duration", "PT1H"), ("roleArn", DeveloperRole))));
        string? approve = null;
        for (var i = 0; i < 200 && approve is null; i++)
        {
            approve = console.ToString().Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.StartsWith("Invoke-RestMethod -Method Post ", StringComparison.Ordinal));
            if (approve is null) await Task.Delay(50);
        }
        Assert.NotNull(approve);
        Assert.Contains("Duo push for dana", console.ToString());
        // The line as printed: Invoke-RestMethod -Method Post URL -Headers @{ 'X-CasAws-Control-Token' = 'TOKEN' }
        var printed = System.Text.RegularExpressions.Regex.Match(approve!, @"^Invoke-RestMethod -Method Post (?<url>\S+) -Headers @\{ '(?<header>[^']+)' = '(?<token>[^']+)' \}$");
        Assert.True(printed.Success, approve);
        using (var unauthorized = await http.PostAsync(printed.Groups["url"].Value, null)) Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Post, printed.Groups["url"].Value);
        request.Headers.Add(printed.Groups["header"].Value, printed.Groups["token"].Value);
        using (var decision = await http.SendAsync(request)) Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
        using var answer = await login;

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.StartsWith("ASIA", ParseIni(await answer.Content.ReadAsStringAsync())["aws_access_key_id"]);
    }
}
