using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace CasAws.Emulator.Hosting;

/// <summary>One handled request, as logged: never a password, passcode, key, token or secret.</summary>
public sealed class RequestLogEntry
{
    public DateTimeOffset Time { get; init; }
    public string Method { get; init; } = "";
    public string Path { get; init; } = "";
    public string? Action { get; set; }
    public string? User { get; set; }
    public int Status { get; set; }
    public string? Outcome { get; set; }
}

/// <summary>Keeps the recent requests for the control endpoint and prints one line per request.</summary>
public sealed class RequestLog
{
    private const int Capacity = 2000;
    private readonly ConcurrentQueue<RequestLogEntry> _entries = new();
    private readonly TextWriter? _console;

    public RequestLog(TextWriter? console) => _console = console;

    public IReadOnlyList<RequestLogEntry> Entries => _entries.ToArray();

    public void Clear() => _entries.Clear();

    public void Add(RequestLogEntry entry, bool keep)
    {
        if (keep)
        {
            _entries.Enqueue(entry);
            while (_entries.Count > Capacity) _entries.TryDequeue(out _);
        }
        if (_console is null) return;
        var user = entry.User is null ? "" : $" user={entry.User}";
        var action = entry.Action is null ? "" : $" {entry.Action}";
        var outcome = entry.Outcome is null ? "" : $" {entry.Outcome}";
        lock (_console) _console.WriteLine($"{entry.Time:HH:mm:ss.fff} {entry.Method} {entry.Path}{action}{user} -> {entry.Status}{outcome}");
        _console.Flush();
    }
}

public static class RequestLogContext
{
    private const string Key = "casaws.log";

    public static RequestLogEntry? LogEntry(this HttpContext context) => context.Items.TryGetValue(Key, out var value) ? value as RequestLogEntry : null;

    public static void AttachLogEntry(this HttpContext context, RequestLogEntry entry) => context.Items[Key] = entry;

    public static void SetLogUser(this HttpContext context, string? user)
    {
        if (context.LogEntry() is { } entry) entry.User = user;
    }

    public static void SetLogAction(this HttpContext context, string? action)
    {
        if (context.LogEntry() is { } entry) entry.Action = action;
    }

    public static void SetLogOutcome(this HttpContext context, string outcome)
    {
        if (context.LogEntry() is { } entry) entry.Outcome = outcome;
    }

    /// <summary>Adds to what happened so far ("push approved; credentials ...").</summary>
    public static void AppendLogOutcome(this HttpContext context, string outcome)
    {
        if (context.LogEntry() is { } entry) entry.Outcome = entry.Outcome is null ? outcome : entry.Outcome + "; " + outcome;
    }
}
