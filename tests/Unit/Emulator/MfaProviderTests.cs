using System.Net;
using System.Text.Json;
using CasAws.Emulator.Config;
using CasAws.Emulator.Mfa;
using static CasAws.Tests.Emulator.TestEmulator;

namespace CasAws.Tests.Emulator;

/// <summary>The emulated CAS's code-based MFA providers, Duo providers and triggers, as the awsSts endpoint sees them.</summary>
public sealed class MfaProviderTests : IAsyncLifetime
{
    private TestEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await TestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private Task<(HttpStatusCode Status, string Body, string? ContentType)> Login(string user, params (string, string)[] fields) =>
        _emu.PostCasAsync(Form(new[] { ("username", user), ("password", user + "-pw"), ("duration", "PT1H") }.Concat(fields).ToArray()));

    private async Task<string> Control(string method, string path, string property)
    {
        using var response = await _emu.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/control/" + path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty(property).GetString()!;
    }

    private string GauthCode(long device, TimeSpan shift = default) =>
        Totp.CodeAt(_emu.User("grace").GoogleAuthenticator.Single(d => d.Id == device).Secret, _emu.Running.Clock.UtcNow + shift);

    [Theory]
    [InlineData(59, "287082")]
    [InlineData(1111111109, "081804")]
    [InlineData(1234567890, "005924")]
    [InlineData(2000000000, "279037")]
    public void Totp_matches_the_RFC_6238_test_vectors(long unixSeconds, string expected)
    {
        var secret = Base32.Decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"); // "12345678901234567890"
        Assert.Equal(expected, Totp.Code(secret, Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds))));
    }

    [Fact]
    public async Task Google_Authenticator_takes_each_devices_code_once_within_the_window()
    {
        // The emulator's clock moves to 1 s into a 30 s step, so no step ends during the test however slow
        // the machine: a step crossing made the previous step's code the one already used.
        long secondsIntoStep = _emu.Running.Clock.UtcNow.ToUnixTimeSeconds() % 30;
        _emu.Running.Clock.Advance(TimeSpan.FromSeconds(31 - secondsIntoStep));
        var code = GauthCode(1);
        Assert.Equal(code, await Control("GET", "mfa/gauth?user=grace&device=1", "code"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await Login("grace")).Status);                                      // no code
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login("grace", ("gauthotp", code))).Status);                  // two devices, none named
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login("grace", ("passcode", code), ("gauthacct", "1"))).Status); // the Duo field
        Assert.Equal(HttpStatusCode.OK, (await Login("grace", ("gauthotp", code), ("gauthacct", "1"))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login("grace", ("gauthotp", code), ("gauthacct", "1"))).Status); // used
        Assert.Equal(HttpStatusCode.OK, (await Login("grace", ("gauthotp", GauthCode(2)), ("gauthacct", "2"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await Login("grace", ("gauthotp", GauthCode(1, TimeSpan.FromSeconds(-30))), ("gauthacct", "1"))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login("grace", ("gauthotp", GauthCode(1, TimeSpan.FromMinutes(-3))), ("gauthacct", "1"))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login("grace", ("gauthotp", GauthCode(2, TimeSpan.FromSeconds(30))), ("gauthacct", "1"))).Status);
        Assert.Contains(_emu.Running.Log.Entries, e => e.Outcome?.StartsWith("mfa-gauth code accepted", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task YubiKey_accepts_an_OTP_of_the_users_key_once_and_never_an_older_one()
    {
        var older = await Control("POST", "mfa/yubikey?user=yuki", "otp");
        var newer = await Control("POST", "mfa/yubikey?user=yuki", "otp");
        var tampered = newer[..20] + (newer[20] == 'c' ? 'b' : 'c') + newer[21..];

        Assert.Equal(44, newer.Length);
        Assert.StartsWith("cccjgjgkhcbb", newer);
        Assert.True(YubicoOtp.IsModhex(newer));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login("yuki", ("yubikeyotp", tampered))).Status);
        Assert.Equal(HttpStatusCode.OK, (await Login("yuki", ("yubikeyotp", newer))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login("yuki", ("yubikeyotp", newer))).Status);  // replayed
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login("yuki", ("yubikeyotp", older))).Status);  // counter went back
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login("yuki", ("passcode", await Control("POST", "mfa/yubikey?user=yuki", "otp")))).Status);
    }

    [Fact]
    public void YubiKey_OTPs_are_real_AES_128_blocks_of_the_keys_secret()
    {
        var key = _emu.User("yuki").YubiKeys[0];
        var otp = YubicoOtp.Generate(key.PublicId, Convert.FromHexString(key.PrivateId), Convert.FromHexString(key.AesKey), 3, 7);
        var token = YubicoOtp.Decrypt(otp, Convert.FromHexString(key.AesKey));
        Assert.NotNull(token);
        Assert.Equal(Convert.FromHexString(key.PrivateId), token!.PrivateId);
        Assert.Equal((3L << 8) | 7, token.Counter);
        Assert.Null(YubicoOtp.Decrypt(otp, new byte[16]));
    }

    [Fact]
    public async Task Simple_MFA_tokens_work_once_for_their_user_until_they_expire()
    {
        var token = await Control("POST", "mfa/simple?user=sam&server=cas", "token");
        var forOther = await Control("POST", "mfa/simple?user=grace&server=cas", "token");
        var expiring = await Control("POST", "mfa/simple?user=sam&server=cas", "token");

        Assert.Matches("^CASMFA-[0-9]{6}$", token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login("sam")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login("sam", ("sotp", forOther))).Status);
        Assert.Equal(HttpStatusCode.OK, (await Login("sam", ("sotp", token))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login("sam", ("sotp", token))).Status);
        _emu.Running.Clock.Advance(TimeSpan.FromSeconds(301));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login("sam", ("sotp", expiring))).Status);
    }

    [Fact]
    public void Simple_MFA_does_not_exist_before_CAS_7()
    {
        var config = SampleConfig();
        config.CasServers.Single(s => s.Name == "cas64").GlobalMfaProvider = "mfa-simple";
        var error = Assert.Throws<InvalidOperationException>(() => ConfigLoader.Validate(config));
        Assert.Contains("mfa-simple", error.Message);
    }

    [Fact]
    public async Task A_second_Duo_provider_needs_its_id_with_a_passcode_and_pushes_without_one()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login("heidi", ("passcode", "717171"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await Login("heidi", ("passcode", "727272"), ("provider", "mfa-duo-admins"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await Login("heidi")).Status); // push, approved after 1 s
        Assert.Equal(1, _emu.Running.Duo.PushCount);
    }

    [Fact]
    public async Task A_service_policy_asks_for_MFA_only_for_its_application()
    {
        var secret = _emu.User("ivan").GoogleAuthenticator[0].Secret;
        Assert.Equal(HttpStatusCode.OK, (await Login("ivan")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Login("ivan", ("service", "https://other.example.org/"))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login("ivan", ("service", "https://secure.example.org/aws"))).Status);
        var code = Totp.CodeAt(secret, _emu.Running.Clock.UtcNow);
        Assert.Equal(HttpStatusCode.OK, (await Login("ivan", ("service", "https://secure.example.org/aws"), ("gauthotp", code))).Status);
    }

    [Fact]
    public async Task The_control_API_plays_the_AWS_MFA_device()
    {
        var serial = _emu.IamUser("cas-server").MfaSerialNumber!;
        var code = await Control("GET", "mfa/aws?serialNumber=" + Uri.EscapeDataString(serial), "code");
        Assert.Equal(_emu.AwsMfaCode("cas-server"), code);
    }
}
