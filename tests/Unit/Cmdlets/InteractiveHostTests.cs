using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using CasAws.Commands;
using CasAws.Credentials;
using CasAws.Session;
using CasAws.Tests.Emulator;

namespace CasAws.Tests.Cmdlets;

/// <summary>Tests that touch the process-wide CasSessionStore run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SessionStoreCollection
{
    public const string Name = "CasSessionStore";
}

/// <summary>
/// The prompts a person sees in an interactive host: the credential prompt and the numbered role
/// choice, run in-process against the emulator through a host whose "user" is scripted.
/// </summary>
[Collection(SessionStoreCollection.Name)]
public sealed class InteractiveHostTests : IAsyncLifetime
{
    private TestEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await TestEmulator.StartAsync();

    public async Task DisposeAsync()
    {
        CasSessionStore.Clear();
        await _emulator.DisposeAsync();
    }

    private string CasBase => _emulator.Running.Endpoints.CasBaseHttp;

    private static PSCredential Credential(string user, string password)
    {
        var secure = new SecureString();
        foreach (char c in password) secure.AppendChar(c);
        return new PSCredential(user, secure);
    }

    private int CasCalls() => _emulator.Running.Log.Entries.Count(e => e.Path.Contains("awsSts", StringComparison.Ordinal));

    /// <summary>Runs the script in a runspace of the host, with the session cmdlets and these variables.</summary>
    internal static (List<PSObject> Output, List<ErrorRecord> Errors) Run(ScriptedHost host, string script, params (string Name, object Value)[] variables)
    {
        var state = InitialSessionState.CreateDefault2();
        foreach (var (name, type) in new[] {
            ("Connect-CasAws", typeof(ConnectCasAwsCommand)), ("Get-CasAwsRole", typeof(GetCasAwsRoleCommand)),
            ("Get-CasAwsCredential", typeof(GetCasAwsCredentialCommand)), ("Disconnect-CasAws", typeof(DisconnectCasAwsCommand)) })
        {
            state.Commands.Add(new SessionStateCmdletEntry(name, type, null));
        }

        foreach (var (name, value) in variables) state.Variables.Add(new SessionStateVariableEntry(name, value, null));
        using Runspace runspace = RunspaceFactory.CreateRunspace(host, state);
        runspace.Open();
        using PowerShell shell = PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript(script);
        var output = new List<PSObject>();
        var errors = new List<ErrorRecord>();
        try
        {
            output.AddRange(shell.Invoke());
        }
        catch (RuntimeException exception)
        {
            errors.Add(exception.ErrorRecord);
        }

        errors.AddRange(shell.Streams.Error);
        return (output, errors);
    }

    [Fact]
    public void Connect_prompts_for_the_credential_in_an_interactive_host()
    {
        var host = new ScriptedHost(Credential("bob", "bob-pw"));
        var (output, errors) = Run(host, "Connect-CasAws -Server $server", ("server", CasBase));

        Assert.Empty(errors);
        var session = Assert.IsType<CasAwsSession>(Assert.Single(output).BaseObject);
        Assert.Equal("bob", session.UserName);
        Assert.Equal(3, session.RoleCount);
        Assert.Contains(CasBase, Assert.Single(host.Screen.CredentialPrompts));
    }

    [Fact]
    public void UserName_fills_in_the_credential_prompt()
    {
        var host = new ScriptedHost(Credential("bob", "bob-pw"));
        var (_, errors) = Run(host, "Connect-CasAws -Server $server -UserName bob", ("server", CasBase));

        Assert.Empty(errors);
        Assert.Equal("bob", Assert.Single(host.Screen.CredentialPromptUsers));
    }

    [Fact]
    public void Several_roles_show_a_numbered_choice_with_account_and_name()
    {
        var host = new ScriptedHost(null, "x", "9", "2");
        var (output, errors) = Run(host, "$null = Connect-CasAws -Server $server -Credential $cred; Get-CasAwsCredential",
            ("server", CasBase), ("cred", Credential("bob", "bob-pw")));

        Assert.Empty(errors);
        var credential = Assert.IsType<CasAwsCredential>(Assert.Single(output).BaseObject);
        Assert.Equal(TestEmulator.AdminRole, credential.AssumedRoleArn);
        string screen = host.Screen.Shown;
        Assert.Contains("[1] 123456789012  CasDeveloper", screen);
        Assert.Contains("[2] 123456789012  CasAdmin  (path /engineering/)", screen);
        Assert.Contains("[3] 123456789012  Read+Only=1,x@y_z-2  (path /ops/team.a/)", screen);
        Assert.Equal(2, screen.Split("Enter a number from the list.").Length - 1);   // 'x' and '9' were refused
    }

    [Fact]
    public void An_empty_answer_cancels_the_choice_without_calling_CAS()
    {
        var host = new ScriptedHost(null, "");
        var (_, errors) = Run(host, "$null = Connect-CasAws -Server $server -Credential $cred; Get-CasAwsCredential",
            ("server", CasBase), ("cred", Credential("bob", "bob-pw")));

        Assert.Equal("RoleChoiceCancelled,CasAws.Commands.GetCasAwsCredentialCommand", Assert.Single(errors).FullyQualifiedErrorId);
        Assert.Equal(1, CasCalls());
    }

    [Fact]
    public void Runbook_mode_in_an_interactive_host_asks_for_the_role_after_CAS_lists_them()
    {
        var host = new ScriptedHost(null, "1");
        var (output, errors) = Run(host, "Get-CasAwsCredential -Server $server -Credential $cred",
            ("server", CasBase), ("cred", Credential("bob", "bob-pw")));

        Assert.Empty(errors);
        Assert.Equal(TestEmulator.DeveloperRole, Assert.IsType<CasAwsCredential>(Assert.Single(output).BaseObject).AssumedRoleArn);
        Assert.Contains("approve the next Duo push too", host.Screen.Shown);
        Assert.Equal(2, CasCalls());
        Assert.Null(CasSessionStore.Current);
    }
}
