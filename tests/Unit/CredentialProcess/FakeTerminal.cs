using CasAws.CredentialProcess;

namespace CasAws.Tests.CredentialProcess;

/// <summary>
/// A terminal for in-process tests of the helper: answers prompts from a script and records what was
/// written (the real /dev/tty behaviour, echo and Ctrl+C, is tested in a pseudo-terminal by Terminal.Tests.ps1).
/// </summary>
internal sealed class FakeTerminal : Terminal
{
    private readonly Queue<string?> _answers;
    private readonly System.Text.StringBuilder _written = new();

    public FakeTerminal(params string?[] answers)
    {
        _answers = new Queue<string?>(answers);
    }

    public bool Foreground { get; init; } = true;

    public override bool IsForeground => Foreground;

    /// <summary>Everything written to the terminal, prompts included (never what was typed without echo).</summary>
    public string Written => _written.ToString();

    public List<(string Prompt, bool Echo)> Prompts { get; } = new();

    public override void Write(string text) => _written.Append(text);

    public override void RestoreEcho()
    {
    }

    public override void Dispose()
    {
    }

    protected override char[]? ReadChars(string prompt, bool echo, CancellationToken cancellation)
    {
        Prompts.Add((prompt, echo));
        _written.Append(prompt);
        if (_answers.Count == 0) throw new InvalidOperationException("The test gave no answer for the prompt '" + prompt + "'.");
        string? answer = _answers.Dequeue();
        if (echo && answer != null) _written.Append(answer);
        return answer?.ToCharArray();
    }
}
