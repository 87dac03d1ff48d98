using System.Net;
using System.Text.Json;
using static CasAws.Tests.Emulator.TestEmulator;

namespace CasAws.Tests.Emulator;

/// <summary>Duo behind CAS: one-time passcodes, pushes decided by configuration or the control endpoint.</summary>
public sealed class DuoTests
{
    private static async Task<JsonElement[]> WaitForPushesAsync(TestEmulator emu, string user)
    {
        var json = await emu.Http.GetStringAsync($"/control/pushes?user={user}&waitSeconds=10");
        return JsonSerializer.Deserialize<JsonElement[]>(json)!;
    }

    [Fact]
    public async Task A_passcode_works_once()
    {
        await using var emu = await TestEmulator.StartAsync();
        var form = Form(("username", "dave"), ("password", "dave-pw"), ("passcode", "222222"), ("duration", "PT1H"));

        var first = await emu.PostCasAsync(form);
        var second = await emu.PostCasAsync(form);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, second.Status);
        Assert.Equal("Authentication failed", second.Body);
    }

    [Fact]
    public async Task Reset_makes_used_passcodes_valid_again()
    {
        await using var emu = await TestEmulator.StartAsync();
        var form = Form(("username", "dave"), ("password", "dave-pw"), ("passcode", "333333"), ("duration", "PT1H"));
        await emu.PostCasAsync(form);

        using var reset = await emu.Http.PostAsync("/control/reset", null);
        var again = await emu.PostCasAsync(form);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.Status);
    }

    [Theory]
    [InlineData("000000", "mfa-duo")]
    [InlineData("444444", "mfa-gauth")]
    public async Task A_wrong_passcode_or_provider_fails_without_a_push(string passcode, string provider)
    {
        await using var emu = await TestEmulator.StartAsync();

        var (status, body, _) = await emu.PostCasAsync(Form(("username", "dave"), ("password", "dave-pw"), ("passcode", passcode), ("provider", provider), ("duration", "PT1H")));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Authentication failed", body);
        Assert.Equal(0, emu.Running.Duo.PushCount);
    }

    [Fact]
    public async Task A_wrong_password_sends_no_push()
    {
        await using var emu = await TestEmulator.StartAsync();

        var (status, _, _) = await emu.PostCasAsync(Form(("username", "erin"), ("password", "nope"), ("duration", "PT1H")));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(0, emu.Running.Duo.PushCount);
    }

    [Fact]
    public async Task A_push_configured_to_approve_completes_the_login_after_its_delay()
    {
        await using var emu = await TestEmulator.StartAsync(c => c.Users.Single(u => u.Username == "erin").Mfa!.PushAfterSeconds = 0.3);

        var (status, _, _) = await emu.PostCasAsync(Form(("username", "erin"), ("password", "erin-pw"), ("duration", "PT1H"), ("roleArn", DeveloperRole)));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, emu.Running.Duo.PushCount);
    }

    [Fact]
    public async Task A_push_configured_to_deny_fails_the_login()
    {
        await using var emu = await TestEmulator.StartAsync(c => c.Users.Single(u => u.Username == "dave").Mfa!.PushAfterSeconds = 0);

        var (status, body, _) = await emu.PostCasAsync(Form(("username", "dave"), ("password", "dave-pw"), ("duration", "PT1H")));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Authentication failed", body);
    }

    [Fact]
    public async Task Mfa_runs_before_the_role_check_so_the_role_list_costs_a_push()
    {
        await using var emu = await TestEmulator.StartAsync(c => c.Users.Single(u => u.Username == "erin").Mfa!.PushAfterSeconds = 0);

        var (status, body, _) = await emu.PostCasAsync(Form(("username", "erin"), ("password", "erin-pw"), ("duration", "PT1H")));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.StartsWith("Found multiple roles and none is specified. Current roles: [", body);
        Assert.Equal(1, emu.Running.Duo.PushCount);
    }

    [Fact]
    public async Task The_control_endpoint_lists_and_approves_a_pending_push()
    {
        await using var emu = await TestEmulator.StartAsync();
        var login = emu.PostCasAsync(Form(("username", "frank"), ("password", "frank-pw"), ("duration", "PT1H")));

        var pushes = await WaitForPushesAsync(emu, "frank");
        Assert.Single(pushes);
        Assert.Equal("frank", pushes[0].GetProperty("user").GetString());
        Assert.Equal("cas", pushes[0].GetProperty("server").GetString());
        Assert.True(pushes[0].TryGetProperty("since", out _));
        Assert.False(login.IsCompleted);
        using var approve = await emu.Http.PostAsync($"/control/pushes/{pushes[0].GetProperty("id").GetString()}/approve", null);

        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await login).Status);
        Assert.Empty(await JsonSerializer.DeserializeAsync<JsonElement[]>(await emu.Http.GetStreamAsync("/control/pushes")) ?? []);
    }

    [Fact]
    public async Task The_control_endpoint_denies_a_pending_push()
    {
        await using var emu = await TestEmulator.StartAsync();
        var login = emu.PostCasAsync(Form(("username", "frank"), ("password", "frank-pw"), ("duration", "PT1H")));

        var pushes = await WaitForPushesAsync(emu, "frank");
        using var deny = await emu.Http.PostAsync($"/control/pushes/{pushes[0].GetProperty("id").GetString()}/deny", null);

        Assert.Equal(HttpStatusCode.OK, deny.StatusCode);
        var (status, body, _) = await login;
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Authentication failed", body);
    }

    [Fact]
    public async Task Deciding_a_push_that_is_not_pending_is_404()
    {
        await using var emu = await TestEmulator.StartAsync();

        using var response = await emu.Http.PostAsync("/control/pushes/nope/approve", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_unanswered_push_times_out_after_the_configured_time()
    {
        await using var emu = await TestEmulator.StartAsync(c => c.Duo.PushTimeoutSeconds = 0.5);

        var (status, body, _) = await emu.PostCasAsync(Form(("username", "frank"), ("password", "frank-pw"), ("duration", "PT1H")));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Authentication failed", body);
        Assert.Empty(emu.Running.Duo.Pending(null));
        Assert.Contains(emu.Running.Log.Entries, e => e.Outcome?.Contains("push timedout", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task The_control_endpoint_ends_a_pending_push_as_its_timeout_would_without_the_wait()
    {
        await using var emu = await TestEmulator.StartAsync(c => c.Duo.PushTimeoutSeconds = 300);
        var login = emu.PostCasAsync(Form(("username", "frank"), ("password", "frank-pw"), ("duration", "PT1H")));
        var id = (await WaitForPushesAsync(emu, "frank")).Single().GetProperty("id").GetString();

        using var expired = await emu.Http.PostAsync($"/control/pushes/{id}/expire", null);
        var (status, body, _) = await login.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.OK, expired.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Authentication failed", body);
        Assert.Contains(emu.Running.Log.Entries, e => e.Outcome?.Contains("push timedout", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task The_push_timeout_set_through_the_control_endpoint_holds_until_reset()
    {
        await using var emu = await TestEmulator.StartAsync(c => c.Duo.PushTimeoutSeconds = 300);

        using var shortened = await emu.Http.PostAsync("/control/duo/push-timeout?seconds=0.5", null);
        var (status, _, _) = await emu.PostCasAsync(Form(("username", "frank"), ("password", "frank-pw"), ("duration", "PT1H")))
            .WaitAsync(TimeSpan.FromSeconds(60));
        using var refused = await emu.Http.PostAsync("/control/duo/push-timeout?seconds=0", null);
        using var reset = await emu.Http.PostAsync("/control/reset", null);

        Assert.Equal(HttpStatusCode.OK, shortened.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(300), emu.Running.Duo.PushTimeout);
    }

    [Fact]
    public async Task A_client_that_gives_up_drops_its_pending_push()
    {
        await using var emu = await TestEmulator.StartAsync(c => c.Duo.PushTimeoutSeconds = 30);
        using var giveUp = new CancellationTokenSource();
        var login = emu.PostCasAsync(Form(("username", "frank"), ("password", "frank-pw"), ("duration", "PT1H")), cancellation: giveUp.Token);
        Assert.Single(await WaitForPushesAsync(emu, "frank"));

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => login);

        // The server notices the closed connection shortly after the client gives up.
        for (var i = 0; i < 100 && emu.Running.Duo.Pending("frank").Count > 0; i++) await Task.Delay(20);
        Assert.Empty(emu.Running.Duo.Pending("frank"));
    }

    [Fact]
    public async Task A_service_based_trigger_asks_for_duo_only_for_matching_services()
    {
        await using var emu = await TestEmulator.StartAsync(c => c.CasServers[0].MfaServicePattern = @"^https://aws\.example\.org/");

        var without = await emu.PostCasAsync(Form(("username", "frank"), ("password", "frank-pw"), ("duration", "PT1H")));
        var other = await emu.PostCasAsync(Form(("username", "frank"), ("password", "frank-pw"), ("duration", "PT1H"), ("service", "https://wiki.example.org/")));
        var matching = await emu.PostCasAsync(Form(("username", "frank"), ("password", "frank-pw"), ("duration", "PT1H"), ("service", "https://aws.example.org/console"), ("passcode", "999999")));

        Assert.Equal(HttpStatusCode.OK, without.Status);
        Assert.Equal(HttpStatusCode.OK, other.Status);
        Assert.Equal(HttpStatusCode.OK, matching.Status);
        Assert.Contains(emu.Running.Log.Entries, e => e.Outcome?.StartsWith("passcode accepted", StringComparison.Ordinal) == true);
        Assert.Equal(0, emu.Running.Duo.PushCount);
    }

    [Fact]
    public async Task Passcode_users_without_mfa_on_the_server_log_in_with_the_password_alone()
    {
        await using var emu = await TestEmulator.StartAsync(c => c.CasServers[0].MfaEnabled = false);

        var (status, _, _) = await emu.PostCasAsync(Form(("username", "frank"), ("password", "frank-pw"), ("duration", "PT1H")));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, emu.Running.Duo.PushCount);
    }
}
