using System.Collections.Concurrent;
using CasAws.Emulator.Config;

namespace CasAws.Emulator.Duo;

/// <summary>
/// Duo as CAS sees it: one-time passcodes and pushes that hold the login until the phone answers,
/// the control endpoint decides, the timeout passes, or the client goes away.
/// </summary>
public sealed class DuoService
{
    private readonly TimeSpan _configuredPushTimeout;
    private TimeSpan _pushTimeout;
    private readonly ConcurrentDictionary<string, PendingPush> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _usedPasscodes = new(StringComparer.Ordinal);
    private int _pushCount;

    public DuoService(DuoConfig config) => _pushTimeout = _configuredPushTimeout = TimeSpan.FromSeconds(config.PushTimeoutSeconds);

    /// <summary>The wait for an answer that later pushes get, until <see cref="Reset"/> restores the configured one.</summary>
    public TimeSpan PushTimeout
    {
        get => _pushTimeout;
        set => _pushTimeout = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), "A push timeout must be positive.");
    }

    public int PushCount => Volatile.Read(ref _pushCount);

    /// <summary>Raised for a push that the user's phone never answers, so only the control endpoint (a person, a test) can.</summary>
    public event Action<PendingPush>? PushAwaitingControl;

    /// <summary>True when the passcode is one of the user's and was not used before; it is used up either way it matched.</summary>
    public bool TryUsePasscode(UserConfig user, string passcode)
    {
        if (user.Mfa is null || !user.Mfa.Passcodes.Contains(passcode)) return false;
        return _usedPasscodes.TryAdd(user.Username + "\n" + passcode, 0);
    }

    /// <summary>Sends a push and waits for its answer; throws OperationCanceledException when the client disconnects.</summary>
    public async Task<PushOutcome> PushAsync(UserConfig user, string server, CancellationToken clientGone)
    {
        Interlocked.Increment(ref _pushCount);
        var push = new PendingPush(Guid.NewGuid().ToString("N")[..12], user.Username, server, DateTimeOffset.UtcNow);
        _pending[push.Id] = push;
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(clientGone);
        try
        {
            var mfa = user.Mfa!;
            if (mfa.Push is "approve" or "deny")
                _ = DecideLaterAsync(push, mfa.Push == "approve" ? PushOutcome.Approved : PushOutcome.Denied, TimeSpan.FromSeconds(mfa.PushAfterSeconds));
            else
                PushAwaitingControl?.Invoke(push);
            var finished = await Task.WhenAny(push.Answer, Task.Delay(_pushTimeout, stopWaiting.Token));
            clientGone.ThrowIfCancellationRequested();
            return finished == push.Answer ? await push.Answer : PushOutcome.TimedOut;
        }
        finally
        {
            stopWaiting.Cancel();
            _pending.TryRemove(push.Id, out _);
            push.Decide(PushOutcome.TimedOut);
        }
    }

    private static async Task DecideLaterAsync(PendingPush push, PushOutcome outcome, TimeSpan after)
    {
        if (after > TimeSpan.Zero) await Task.Delay(after);
        push.Decide(outcome);
    }

    public IReadOnlyList<PendingPush> Pending(string? user) =>
        _pending.Values.Where(p => user is null || p.User == user).OrderBy(p => p.Since).ToList();

    /// <summary>Waits (polling) until a push for the user is pending, or the wait is over: for tests that answer a push.</summary>
    public async Task<IReadOnlyList<PendingPush>> WaitForPendingAsync(string? user, TimeSpan wait, CancellationToken cancellation)
    {
        var deadline = DateTimeOffset.UtcNow + wait;
        while (true)
        {
            var pending = Pending(user);
            if (pending.Count > 0 || DateTimeOffset.UtcNow >= deadline) return pending;
            await Task.Delay(25, cancellation);
        }
    }

    public bool Decide(string id, PushOutcome outcome) =>
        _pending.TryGetValue(id, out var push) && push.Decide(outcome);

    /// <summary>Passcodes become usable again, pending pushes are denied, counters and the push timeout restart.</summary>
    public void Reset()
    {
        _pushTimeout = _configuredPushTimeout;
        _usedPasscodes.Clear();
        foreach (var push in _pending.Values) push.Decide(PushOutcome.Denied);
        Interlocked.Exchange(ref _pushCount, 0);
    }
}
