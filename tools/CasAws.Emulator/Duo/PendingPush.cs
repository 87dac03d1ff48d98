namespace CasAws.Emulator.Duo;

public enum PushOutcome
{
    Approved,
    Denied,
    TimedOut,
}

/// <summary>A Duo push waiting for the user's phone (or the control endpoint) to answer.</summary>
public sealed class PendingPush
{
    private readonly TaskCompletionSource<PushOutcome> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PendingPush(string id, string user, string server, DateTimeOffset since)
    {
        Id = id;
        User = user;
        Server = server;
        Since = since;
    }

    public string Id { get; }
    public string User { get; }
    public string Server { get; }
    public DateTimeOffset Since { get; }

    public Task<PushOutcome> Answer => _answer.Task;

    public bool Decide(PushOutcome outcome) => _answer.TrySetResult(outcome);
}
