using System.Management.Automation.Language;
using CasAws.Cache;
using CasAws.CredentialProcess;
using CasAws.Tests.Files;

namespace CasAws.Tests.CredentialProcess;

/// <summary>The helper's cache answer in-process: the JSON for fresh keys, and a log-in-again hint that pastes safely.</summary>
public sealed class CredentialCacheAnswerTests : IDisposable
{
    private const string Server = "https://sso.example.org/cas";
    private readonly TempDirectory _cache = new();
    private readonly CredentialCacheStore _store;

    public CredentialCacheAnswerTests()
    {
        _store = new CredentialCacheStore(Path.Combine(_cache.Path, "credentials"));
    }

    public void Dispose() => _cache.Dispose();

    private static CredentialProcessArguments Arguments()
    {
        Assert.True(CredentialProcessArguments.TryParse(new[] { "--profile", "dev", "--server", Server }, out CredentialProcessArguments? arguments, out string? problem), problem);
        return arguments!;
    }

    [Fact]
    public void Keys_with_more_than_the_margin_left_are_answered_as_credential_process_json()
    {
        _store.Write(new CredentialCacheEntry("dev", Server, null).WithKeys("ASIAEXAMPLE000003", "s/e+c=EXAMPLEKEY0003", "t/o+k=EXAMPLETOKEN003", DateTime.UtcNow.AddHours(1), null));

        CredentialCacheAnswer answer = CredentialCacheAnswer.For(Arguments(), _store, DateTime.UtcNow);

        Assert.Null(answer.Problem);
        using var json = System.Text.Json.JsonDocument.Parse(answer.Json!);
        Assert.Equal("ASIAEXAMPLE000003", json.RootElement.GetProperty("AccessKeyId").GetString());
    }

    [Fact]
    public void Keys_inside_the_margin_are_not_answered_and_the_hint_says_to_log_in_again()
    {
        _store.Write(new CredentialCacheEntry("dev", Server, null).WithKeys("ASIAEXAMPLE000003", "s/e+c=EXAMPLEKEY0003", "t/o+k=EXAMPLETOKEN003", DateTime.UtcNow.AddMinutes(5), null));

        CredentialCacheAnswer answer = CredentialCacheAnswer.For(Arguments(), _store, DateTime.UtcNow);

        Assert.Null(answer.Json);
        Assert.Contains("expire too soon", answer.Problem);
        Assert.DoesNotContain("EXAMPLEKEY", answer.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_browser_login_profile_without_keys_says_to_log_in_in_the_browser_and_never_asks_for_a_password()
    {
        _store.Write(new CredentialCacheEntry("dev", Server, "arn:aws:iam::123456789012:role/Dev", "bob", browserLogin: true));

        CredentialCacheAnswer answer = CredentialCacheAnswer.For(Arguments(), _store, DateTime.UtcNow);

        Assert.Null(answer.Json);
        Assert.True(answer.NeedsBrowserLogin);
        Assert.EndsWith("; Connect-CasAws -Server 'https://sso.example.org/cas' -OpenIdConnect", answer.Problem, StringComparison.Ordinal);
        Assert.Contains("browser login, which has ended", answer.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_profiles_hint_names_the_user_it_is_for_so_only_the_password_is_asked()
    {
        _store.Write(new CredentialCacheEntry("dev", Server, "arn:aws:iam::123456789012:role/Dev", "o'brien"));

        CredentialCacheAnswer answer = CredentialCacheAnswer.For(Arguments(), _store, DateTime.UtcNow);

        Assert.False(answer.NeedsBrowserLogin);
        Assert.EndsWith("; Get-CasAwsCredential -Server 'https://sso.example.org/cas' -RoleArn 'arn:aws:iam::123456789012:role/Dev' -UserName 'o''brien'", answer.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_the_cache_has_never_seen_is_hinted_from_the_helpers_arguments()
    {
        Assert.True(CredentialProcessArguments.TryParse(
            new[] { "--profile", "dev", "--server", Server, "--role-arn", "arn:aws:iam::123456789012:role/Dev", "--user", "bob", "--mfa-provider", "GoogleAuthenticator" },
            out CredentialProcessArguments? arguments, out string? problem), problem);

        CredentialCacheAnswer answer = CredentialCacheAnswer.For(arguments!, _store, DateTime.UtcNow);

        Assert.False(answer.NeedsBrowserLogin);
        Assert.EndsWith("; Get-CasAwsCredential -Server 'https://sso.example.org/cas' -RoleArn 'arn:aws:iam::123456789012:role/Dev' -UserName 'bob' -MfaProvider 'GoogleAuthenticator'", answer.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/home/o'brien/.local/share/powershell/Modules/CasAws/0.1.0/CasAws.psd1")]
    [InlineData("/home/obrien/Kevin\u2019s modules/CasAws/CasAws.psd1")]
    [InlineData("/opt/\u2018x\u201B/CasAws.psd1")]
    public void The_import_hint_parses_as_one_command_naming_exactly_the_manifest(string manifest)
    {
        string line = CredentialCacheAnswer.ImportModuleCommand(manifest);

        Ast ast = Parser.ParseInput(line, out _, out ParseError[] errors);
        Assert.Empty(errors);
        var command = Assert.Single(ast.FindAll(node => node is CommandAst, searchNestedScriptBlocks: true).Cast<CommandAst>());
        Assert.Equal("Import-Module", command.GetCommandName());
        Assert.Equal(manifest, Assert.IsType<StringConstantExpressionAst>(command.CommandElements[1]).Value);
    }
}
