using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace CasAws.Tests.Cmdlets;

/// <summary>
/// An interactive host whose user is a script: lines to type, a credential to enter. It records
/// everything the cmdlets show, so tests can check the prompts a person would see.
/// </summary>
internal sealed class ScriptedHost : PSHost
{
    private readonly Guid _id = Guid.NewGuid();

    public ScriptedHost(PSCredential? credentialToEnter, params string[] linesToType)
    {
        UI = new ScriptedUserInterface(credentialToEnter, linesToType);
    }

    public ScriptedUserInterface Screen => (ScriptedUserInterface)UI;
    public override string Name => "ScriptedHost";
    public override Version Version => new(1, 0);
    public override Guid InstanceId => _id;
    public override PSHostUserInterface UI { get; }
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
    public override void SetShouldExit(int exitCode) { }
    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
}

internal sealed class ScriptedUserInterface : PSHostUserInterface
{
    private readonly Queue<string> _lines;
    private readonly PSCredential? _credential;
    private readonly StringBuilder _shown = new();

    public ScriptedUserInterface(PSCredential? credential, string[] lines)
    {
        _credential = credential;
        _lines = new Queue<string>(lines);
    }

    public string Shown { get { lock (_shown) return _shown.ToString(); } }
    public List<string> CredentialPrompts { get; } = new();

    /// <summary>The user name each credential prompt was filled in with.</summary>
    public List<string> CredentialPromptUsers { get; } = new();
    public List<ProgressRecord> Progress { get; } = new();

    public override PSHostRawUserInterface? RawUI => null;

    public override string ReadLine() => _lines.Count > 0 ? _lines.Dequeue() : string.Empty;
    /// <summary>What the user types at a masked prompt, given what the screen shows by then; unset: no masked prompt expected.</summary>
    public Func<string, string>? SecretAnswer { get; set; }

    public override SecureString ReadLineAsSecureString()
    {
        string answer = (SecretAnswer ?? throw new NotSupportedException("The test did not expect a masked prompt."))(Shown);
        var secure = new SecureString();
        foreach (char c in answer) secure.AppendChar(c);
        return secure;
    }
    public override void Write(string value) => Show(value);
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Show(value);
    public override void WriteLine(string value) => Show(value + "\n");
    public override void WriteErrorLine(string value) => Show("ERROR: " + value + "\n");
    public override void WriteDebugLine(string message) => Show("DEBUG: " + message + "\n");
    public override void WriteVerboseLine(string message) => Show("VERBOSE: " + message + "\n");
    public override void WriteWarningLine(string message) => Show("WARNING: " + message + "\n");
    public override void WriteProgress(long sourceId, ProgressRecord record) { lock (Progress) Progress.Add(record); }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions) =>
        throw new NotSupportedException();

    public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice) =>
        throw new NotSupportedException();

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        PromptForCredential(caption, message, userName, targetName, PSCredentialTypes.Default, PSCredentialUIOptions.Default);

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
    {
        CredentialPrompts.Add(message);
        CredentialPromptUsers.Add(userName);
        return _credential ?? throw new InvalidOperationException("The test did not expect a credential prompt.");
    }

    private void Show(string text)
    {
        lock (_shown) _shown.Append(text);
    }
}
