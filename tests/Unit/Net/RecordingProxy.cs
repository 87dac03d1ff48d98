using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CasAws.Tests.Net;

/// <summary>
/// An HTTP proxy on 127.0.0.1 that records everything it can read in clear: the request lines and
/// headers it receives, and every byte clients send through it (tunnelled TLS included, as ciphertext).
/// It tunnels CONNECT and forwards plain requests (absolute-form) like a real proxy. With
/// <see cref="RequiredLogin"/> set it first answers 407 with a Basic challenge, as a company proxy does.
/// </summary>
internal sealed class RecordingProxy : LoopbackTcpServer
{
    private readonly MemoryStream _fromClients = new();
    private readonly List<string> _requestLines = new();
    private readonly List<string> _logins = new();

    public RecordingProxy(string? requiredLogin = null)
    {
        RequiredLogin = requiredLogin;
        Start();
    }

    /// <summary>'user:password' the proxy asks for with 407, or null to ask for nothing.</summary>
    public string? RequiredLogin { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    /// <summary>'CONNECT 127.0.0.1:443 HTTP/1.1', 'POST http://127.0.0.1:80/cas/... HTTP/1.1', ...</summary>
    public IReadOnlyList<string> RequestLines { get { lock (_requestLines) return _requestLines.ToList(); } }

    /// <summary>The decoded Basic logins clients offered in Proxy-Authorization.</summary>
    public IReadOnlyList<string> Logins { get { lock (_requestLines) return _logins.ToList(); } }

    /// <summary>Every byte clients sent, as text (Latin-1, so no byte is lost).</summary>
    public string Captured { get { lock (_fromClients) return Encoding.Latin1.GetString(_fromClients.ToArray()); } }

    protected override async Task ServeAsync(TcpClient client)
    {
        try
        {
            NetworkStream stream = client.GetStream();
            while (true)
            {
                string head = await ReadHeadAsync(stream);
                if (head.Length == 0) return;
                string[] lines = head.Split("\r\n");
                string? login = lines.Where(l => l.StartsWith("Proxy-Authorization: Basic ", StringComparison.OrdinalIgnoreCase))
                    .Select(l => Encoding.UTF8.GetString(Convert.FromBase64String(l["Proxy-Authorization: Basic ".Length..].Trim()))).FirstOrDefault();
                lock (_requestLines)
                {
                    _requestLines.Add(lines[0]);
                    if (login != null) _logins.Add(login);
                }

                if (RequiredLogin != null && login != RequiredLogin)
                {
                    await Drain(stream, lines);
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n\r\n"), Stopping);
                    continue;
                }

                string[] requestLine = lines[0].Split(' ');
                if (requestLine[0] == "CONNECT")
                {
                    string[] target = requestLine[1].Split(':');
                    using var upstream = new TcpClient();
                    await upstream.ConnectAsync(target[0], int.Parse(target[1]), Stopping);
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 Connection established\r\n\r\n"), Stopping);
                    await Pipe(stream, upstream.GetStream());
                    return;
                }

                var uri = new Uri(requestLine[1]);
                using var origin = new TcpClient();
                await origin.ConnectAsync(uri.Host, uri.Port, Stopping);
                await origin.GetStream().WriteAsync(Encoding.Latin1.GetBytes(head), Stopping);
                await Pipe(stream, origin.GetStream());
                return;
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // a side hung up
        }
    }

    /// <summary>Copies both ways until either side closes, recording what the client sends.</summary>
    private async Task Pipe(NetworkStream client, NetworkStream upstream)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(Stopping);
        Task up = Copy(client, upstream, record: true, done.Token);
        Task down = Copy(upstream, client, record: false, done.Token);
        await Task.WhenAny(up, down);
        done.Cancel();
    }

    private async Task Copy(NetworkStream from, NetworkStream to, bool record, CancellationToken cancellation)
    {
        var buffer = new byte[16384];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, cancellation)) > 0)
            {
                if (record) Record(buffer, read);
                await to.WriteAsync(buffer.AsMemory(0, read), cancellation);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private void Record(byte[] buffer, int count)
    {
        lock (_fromClients) _fromClients.Write(buffer, 0, count);
    }

    private async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one, Stopping) == 1)
        {
            bytes.Add(one[0]);
            int n = bytes.Count;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') break;
        }

        byte[] head = bytes.ToArray();
        Record(head, head.Length);
        return Encoding.Latin1.GetString(head);
    }

    /// <summary>Reads and records the body of a request the proxy refuses, so the connection can be reused.</summary>
    private async Task Drain(NetworkStream stream, string[] lines)
    {
        string? length = lines.FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        int remaining = length == null ? 0 : int.Parse(length["Content-Length:".Length..].Trim());
        var buffer = new byte[4096];
        while (remaining > 0)
        {
            int read = await stream.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, remaining)), Stopping);
            if (read == 0) return;
            Record(buffer, read);
            remaining -= read;
        }
    }
}
