using CasAws.Emulator.Duo;

namespace CasAws.Emulator.Hosting;

/// <summary>
/// Prints, for a Duo push that only the control endpoint answers (a user whose "phone" is you), the
/// command that approves or denies it, so a person trying the emulator can play the phone.
/// </summary>
public sealed class PushAnnouncer
{
    private readonly TextWriter _console;
    private readonly string _controlUrl;
    private readonly string _controlToken;

    public PushAnnouncer(TextWriter console, string controlUrl, string controlToken)
    {
        _console = console;
        _controlUrl = controlUrl.TrimEnd('/');
        _controlToken = controlToken;
    }

    public void Announce(PendingPush push)
    {
        var url = $"{_controlUrl}/pushes/{push.Id}";   // ControlEndpoint's POST /control/pushes/{id}/approve
        lock (_console)
        {
            _console.WriteLine($"Duo push for {push.User} at '{push.Server}' is waiting for you. Approve it with:");
            _console.WriteLine($"  Invoke-RestMethod -Method Post {url}/approve -Headers @{{ '{ControlToken.Header}' = '{_controlToken}' }}");
            _console.WriteLine("  (or deny it: .../deny)");
            _console.Flush();
        }
    }
}
