using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text;
using CasAws.AwsEnvironment;
using CasAws.Cache;
using CasAws.Commands;
using CasAws.Files;
using CasAws.Tests.Files;
using CasAws.Validation;

namespace CasAws.Tests.Validation;

/// <summary>Each place a value leaves CasAws defends itself, whatever checked the value before (issue 8, item 2).</summary>
public sealed class SinkTests : IDisposable
{
    private const string LoneCrToken = "tok\r[evil]\rcredential_process = /bin/sh -c 'id > /tmp/pwned'";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> Hostile => new()
    {
        "it\u2019s; Set-Content pwned 1; \u2018",
        "a\u2018b\u2019c\u201Ad\u201Be'f''g",
        "$(whoami)`\"; rm -rf ~ #",
        "'; touch /tmp/x; echo '",
        "\\'\\\\' done",
    };

    [Fact]
    public void The_ini_writer_refuses_a_lone_CR_and_leaves_the_file_as_it_was()
    {
        string path = _temp.File("credentials");
        const string before = "[default]\naws_access_key_id = AKIAKEEPME000000\n";
        File.WriteAllText(path, before);
        var keys = new TemporaryKeys("ASIAEXAMPLE000001", "secret/EXAMPLE+key", LoneCrToken, DateTime.UtcNow.AddHours(1));

        var error = Assert.Throws<AwsFileException>(() => CredentialsFileProfiles.Store(path, "cas-dev", keys, force: false, CancellationToken.None));

        Assert.IsType<IniValueUnsafeException>(error.InnerException);
        Assert.Contains("U+000D", error.Message);
        Assert.DoesNotContain("evil", error.Message);
        Assert.Equal(before, File.ReadAllText(path));
        Assert.Equal("AwsFileValueUnsafe", ProfileErrorRecords.From(error).FullyQualifiedErrorId);
    }

    [Theory]
    [InlineData("sec\ntion", "key", "value")]
    [InlineData("section", "k\u0000ey", "value")]
    [InlineData("section", "key", "va\u0085lue")]
    [InlineData("section", "key", "va\u2028lue")]
    [InlineData("section", "key", "value\u007f")]
    public void The_ini_writer_refuses_control_characters_in_sections_keys_and_values(string section, string key, string value)
    {
        IniDocument document = IniDocument.Parse(Encoding.UTF8.GetBytes("[a]\nk = v\n"), "\n");

        Assert.Throws<IniValueUnsafeException>(() =>
            document.SetKeys(h => h == section, section, new[] { new KeyValuePair<string, string>(key, value) }, Array.Empty<string>()));
        Assert.Equal("[a]\nk = v\n", Encoding.UTF8.GetString(document.ToBytes()));
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void PowerShell_output_is_one_assignment_of_exactly_the_value(string value)
    {
        string command = ShellSyntax.Commands(CasAwsShell.PowerShell, new[] { new KeyValuePair<string, string?>("AWS_SESSION_TOKEN", value) })[0];

        AssertOneAssignment(command, value);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Bash_output_sets_exactly_the_value_in_a_real_bash(string value)
    {
        string command = ShellSyntax.Commands(CasAwsShell.Bash, new[] { new KeyValuePair<string, string?>("CASAWS_PROBE", value) })[0];
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _temp.Path };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command + "\nprintf %s \"$CASAWS_PROBE\"");
        using Process bash = Process.Start(start)!;
        string output = bash.StandardOutput.ReadToEnd();
        bash.WaitForExit();

        Assert.Equal(value, output);
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Theory]
    [InlineData(CasAwsShell.PowerShell, "tok\rnext")]
    [InlineData(CasAwsShell.Bash, "tok\nexport X=1")]
    [InlineData(CasAwsShell.Fish, "tok\u001b[31m")]
    [InlineData(CasAwsShell.Cmd, "tok\u2028")]
    [InlineData(CasAwsShell.Cmd, "tok!x!")]
    [InlineData(CasAwsShell.Cmd, "tok\u2019")]
    public void What_a_shell_cannot_hold_safely_is_refused(CasAwsShell shell, string value)
    {
        Assert.Throws<ArgumentException>(() => ShellSyntax.Commands(shell, new[] { new KeyValuePair<string, string?>("AWS_SESSION_TOKEN", value) }));
    }

    [Fact]
    public void The_helpers_quoting_equals_PowerShells_own_for_every_character()
    {
        for (int code = 0x20; code <= 0xFFFF; code++)
        {
            char c = (char)code;
            if (ControlCharacters.IsControl(c) || char.IsSurrogate(c)) continue;
            string value = "a" + c + "b";
            Assert.Equal("'" + CodeGeneration.EscapeSingleQuotedStringContent(value) + "'", PowerShellQuoting.SingleQuoted(value));
        }

        Assert.Null(PowerShellQuoting.SingleQuoted("a\rb"));
    }

    [Fact]
    public void The_helpers_login_hint_is_one_command_with_exactly_the_server_and_role()
    {
        const string server = "https://sso.example.org/cas\u2019; Remove-Item ~ -Recurse; \u2018";
        const string role = "arn:aws:iam::123456789012:role/R'\u201B";

        string hint = new CredentialCacheEntry("p", server, role).LoginCommand();

        var ast = Parser.ParseInput(hint, out _, out ParseError[] errors);
        Assert.Empty(errors);
        var command = Assert.IsType<CommandAst>(Assert.Single(Assert.IsType<PipelineAst>(Assert.Single(ast.EndBlock.Statements)).PipelineElements));
        Assert.Equal(new[] { "Get-CasAwsCredential", "-Server", server, "-RoleArn", role },
            command.CommandElements.Select(e => e is StringConstantExpressionAst s ? s.Value : e.Extent.Text));
    }

    [Fact]
    public void The_helpers_login_hint_carries_the_profiles_connection_options_each_quoted()
    {
        var options = new CasAws.Cache.CredentialProcessArguments("p")
        {
            Duration = TimeSpan.FromHours(4),
            CaBundlePath = "/home/o'brien/ca’.pem",
            MfaProvider = "GoogleAuthenticator",
            MfaAccount = "2",
        };

        string hint = new CredentialCacheEntry("p", "https://sso.example.org/cas", null).LoginCommand(options);

        var ast = Parser.ParseInput(hint, out _, out ParseError[] errors);
        Assert.Empty(errors);
        var command = Assert.IsType<CommandAst>(Assert.Single(Assert.IsType<PipelineAst>(Assert.Single(ast.EndBlock.Statements)).PipelineElements));
        Assert.Equal(new[] { "Get-CasAwsCredential", "-Server", "https://sso.example.org/cas", "-Duration", "04:00:00", "-CaBundlePath", "/home/o'brien/ca’.pem", "-MfaProvider", "GoogleAuthenticator", "-MfaAccount", "2" },
            command.CommandElements.Select(e => e is StringConstantExpressionAst s ? s.Value : e.Extent.Text));
    }

    [Fact]
    public void The_helpers_login_hint_leaves_out_a_value_with_a_control_character()
    {
        Assert.Equal("Get-CasAwsCredential -RoleArn 'arn:aws:iam::123456789012:role/R'",
            new CredentialCacheEntry("p", "https://x\r\nRemove-Item ~", "arn:aws:iam::123456789012:role/R").LoginCommand());
    }

    [Fact]
    public void Completions_are_quoted_by_PowerShells_rules_and_listed_without_escapes()
    {
        const string quoted = "arn:aws:iam::123456789012:role/It\u2019s; Remove-Item ~; \u2018";
        var roles = new[] { quoted, "arn:aws:iam::123456789012:role/\u001b[31mRed" }.Select(CasAws.Credentials.CasAwsRole.FromArn).ToList();

        CompletionResult result = Assert.Single(RoleArnCompleter.Complete(roles, ""));

        AssertOneArgument(result.CompletionText, quoted);
        Assert.Equal(-1, ControlCharacters.IndexOf(result.ListItemText + result.ToolTip));
    }

    private static void AssertOneAssignment(string command, string value)
    {
        var ast = Parser.ParseInput(command, out _, out ParseError[] errors);
        Assert.Empty(errors);
        var assignment = Assert.IsType<AssignmentStatementAst>(Assert.Single(ast.EndBlock.Statements));
        var right = Assert.IsType<CommandExpressionAst>(assignment.Right);
        Assert.Equal(value, Assert.IsType<StringConstantExpressionAst>(right.Expression).Value);
    }

    private static void AssertOneArgument(string text, string value)
    {
        var ast = Parser.ParseInput("Get-CasAwsCredential -RoleArn " + text, out _, out ParseError[] errors);
        Assert.Empty(errors);
        var command = Assert.IsType<CommandAst>(Assert.Single(Assert.IsType<PipelineAst>(Assert.Single(ast.EndBlock.Statements)).PipelineElements));
        Assert.Equal(3, command.CommandElements.Count);
        Assert.Equal(value, Assert.IsType<StringConstantExpressionAst>(command.CommandElements[2]).Value);
    }
}
