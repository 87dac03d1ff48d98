using System.Text.Json;
using CasAws.Cache;
using CasAws.CredentialProcess;
using CasAws.Tests.Cas;
using CasAws.Tests.Files;
using HelperProgram = CasAws.CredentialProcess.Program;

namespace CasAws.Tests.CredentialProcess;

/// <summary>
/// The helper's terminal login in-process: a scripted terminal, a CAS answering on loopback, a private cache
/// of its own. What the AWS CLI reads (stdout JSON, one stderr line) is captured.
/// </summary>
public sealed class TerminalLoginTests : IDisposable
{
    private const string Role = "arn:aws:iam::111111111111:role/Dev";
    private const string Success = "[default]\naws_access_key_id=ASIAEXAMPLE000009\naws_secret_access_key=s/e+c=EXAMPLEKEY0009\naws_session_token=t/o+k=EXAMPLETOKEN009\n";

    private readonly TempDirectory _cache = new();
    private readonly CredentialCacheStore _store;
    private readonly List<string> _output = new();
    private readonly List<string> _errors = new();

    public TerminalLoginTests()
    {
        _store = new CredentialCacheStore(Path.Combine(_cache.Path, "credentials"));
    }

    public void Dispose() => _cache.Dispose();

    private int Run(CannedHttpServer cas, FakeTerminal terminal, string profile = "dev", params string[] extra)
    {
        string[] args = new[] { "--profile", profile, "--server", cas.BaseUri.AbsoluteUri.TrimEnd('/'), "--role-arn", Role }.Concat(extra).ToArray();
        Assert.True(CredentialProcessArguments.TryParse(args, out CredentialProcessArguments? arguments, out string? problem), problem);
        return new TerminalLogin(arguments!, _store, terminal, _output.Add, _errors.Add).Run();
    }

    [Fact]
    public void A_login_prints_the_credential_process_json_and_caches_it()
    {
        using var cas = new CannedHttpServer(200, "text/plain", Success);
        var terminal = new FakeTerminal("bob", "hunter2");

        int exit = Run(cas, terminal);

        Assert.Equal(HelperProgram.Success, exit);
        using JsonDocument json = JsonDocument.Parse(Assert.Single(_output));
        Assert.Equal(1, json.RootElement.GetProperty("Version").GetInt32());
        Assert.Equal("ASIAEXAMPLE000009", json.RootElement.GetProperty("AccessKeyId").GetString());
        Assert.Equal("ASIAEXAMPLE000009", _store.Read("dev")!.AccessKeyId);
        Assert.Contains("password=hunter2", Assert.Single(cas.RequestBodies));
        Assert.Equal(new[] { true, false }, terminal.Prompts.Select(p => p.Echo));
        Assert.DoesNotContain("hunter2", terminal.Written, StringComparison.Ordinal);
        Assert.DoesNotContain("EXAMPLEKEY", terminal.Written, StringComparison.Ordinal);
        Assert.Empty(_errors);
    }

    [Fact]
    public void A_login_fills_the_other_profiles_of_the_same_server_role_and_user_by_the_modules_rule()
    {
        using var cas = new CannedHttpServer(200, "text/plain", Success);
        string server = cas.BaseUri.AbsoluteUri.TrimEnd('/');
        _store.Write(new CredentialCacheEntry("same", ServerKey.Normalize(cas.BaseUri), Role, "bob"));
        _store.Write(new CredentialCacheEntry("other-user", ServerKey.Normalize(cas.BaseUri), Role, "alice"));
        _store.Write(new CredentialCacheEntry("other-role", ServerKey.Normalize(cas.BaseUri), "arn:aws:iam::111111111111:role/Ops", "bob"));

        Assert.Equal(HelperProgram.Success, Run(cas, new FakeTerminal("bob", "hunter2")));

        Assert.True(_store.Read("same")!.HasKeys);
        Assert.False(_store.Read("other-user")!.HasKeys);
        Assert.False(_store.Read("other-role")!.HasKeys);
        Assert.NotNull(server);
    }

    [Fact]
    public void A_refused_password_caches_nothing_and_says_so_on_one_line()
    {
        using var cas = new CannedHttpServer(401, "text/plain", "Authentication failed");

        int exit = Run(cas, new FakeTerminal("bob", "Xq9-not-it"));

        Assert.Equal(HelperProgram.NoCredentials, exit);
        Assert.Empty(_output);
        string line = Assert.Single(_errors);
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain("Xq9-not-it", line, StringComparison.Ordinal);
        Assert.Null(_store.Read("dev"));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void A_refused_Google_Authenticator_code_without_a_device_id_hints_at_mfa_account(bool accountGiven, bool hint)
    {
        using var cas = new CannedHttpServer(401, "text/plain", "Authentication failed");
        string[] extra = accountGiven ? new[] { "--mfa-provider", "GoogleAuthenticator", "--mfa-account", "2" } : new[] { "--mfa-provider", "GoogleAuthenticator" };

        Assert.Equal(HelperProgram.NoCredentials, Run(cas, new FakeTerminal("grace", "pw", "123456"), "dev", extra));

        string line = Assert.Single(_errors);
        Assert.Equal(hint, line.Contains("--mfa-account <id>", StringComparison.Ordinal));
        Assert.DoesNotContain("123456", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_background_command_never_prompts()
    {
        using var cas = new CannedHttpServer(200, "text/plain", Success);
        var terminal = new FakeTerminal { Foreground = false };

        int exit = Run(cas, terminal);

        Assert.Equal(HelperProgram.NoCredentials, exit);
        Assert.Empty(terminal.Prompts);
        Assert.Empty(cas.RequestBodies);
        Assert.Contains("background", Assert.Single(_errors));
    }

    [Fact]
    public void An_empty_password_sends_nothing()
    {
        using var cas = new CannedHttpServer(200, "text/plain", Success);

        int exit = Run(cas, new FakeTerminal("bob", ""));

        Assert.Equal(HelperProgram.NoCredentials, exit);
        Assert.Empty(cas.RequestBodies);
        Assert.Contains("no password was entered", Assert.Single(_errors));
    }

    [Fact]
    public void A_cache_hit_answers_without_a_prompt()
    {
        using var cas = new CannedHttpServer(200, "text/plain", Success);
        _store.Write(new CredentialCacheEntry("dev", ServerKey.Normalize(cas.BaseUri), Role)
            .WithKeys("ASIAEXAMPLE000008", "s/e+c=EXAMPLEKEY0008", "t/o+k=EXAMPLETOKEN008", DateTime.UtcNow.AddHours(1), "111111111111"));
        var terminal = new FakeTerminal();

        Assert.Equal(HelperProgram.Success, Run(cas, terminal));

        Assert.Empty(terminal.Prompts);
        Assert.Empty(cas.RequestBodies);
        Assert.Contains("ASIAEXAMPLE000008", Assert.Single(_output));
    }
}
