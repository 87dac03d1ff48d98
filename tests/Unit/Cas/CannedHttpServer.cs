using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CasAws.Tests.Cas;

/// <summary>
/// A one-purpose HTTP/1.1 server on 127.0.0.1 that answers every request with a canned response,
/// optionally after a delay or with a huge body, and records the request bodies it saw.
/// </summary>
public sealed class CannedHttpServer : CasAws.Tests.Net.LoopbackTcpServer
{
    private readonly List<string> _requests = new();
    private readonly List<string> _requestLines = new();

    public CannedHttpServer(int status, string? contentType, string body, TimeSpan delay = default, long extraBodyBytes = 0)
    {
        Status = status;
        ContentType = contentType;
        Body = body;
        Delay = delay;
        ExtraBodyBytes = extraBodyBytes;
        Start();
    }

    public int Status { get; }
    public string? ContentType { get; }
    public string Body { get; }
    public TimeSpan Delay { get; }
    public long ExtraBodyBytes { get; }

    /// <summary>How many body bytes the server managed to send before the client hung up.</summary>
    public long BytesSent;

    public Uri BaseUri => new($"http://127.0.0.1:{Port}/cas");

    public IReadOnlyList<string> RequestBodies { get { lock (_requests) return _requests.ToList(); } }

    /// <summary>The first line of each request ('POST /cas/actuator/awsSts HTTP/1.1'; an absolute URL when it acts as a proxy).</summary>
    public IReadOnlyList<string> RequestLines { get { lock (_requests) return _requestLines.ToList(); } }

    protected override async Task ServeAsync(TcpClient client)
    {
        try
        {
            NetworkStream stream = client.GetStream();
            string head = await ReadHeadAsync(stream);
            int length = 0;
            foreach (string line in head.Split("\r\n"))
            {
                if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) length = int.Parse(line[15..].Trim());
            }

            byte[] body = new byte[length];
            int read = 0;
            while (read < length) read += await stream.ReadAsync(body.AsMemory(read, length - read), Stopping);
            lock (_requests)
            {
                _requests.Add(Encoding.UTF8.GetString(body));
                _requestLines.Add(head.Split("\r\n")[0]);
            }

            if (Delay > TimeSpan.Zero) await Task.Delay(Delay, Stopping);
            byte[] payload = Encoding.UTF8.GetBytes(Body);
            long total = payload.Length + ExtraBodyBytes;
            string headers = $"HTTP/1.1 {Status} X\r\n" + (ContentType != null ? $"Content-Type: {ContentType}\r\n" : "") + $"Content-Length: {total}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(headers), Stopping);
            await stream.WriteAsync(payload, Stopping);
            Interlocked.Add(ref BytesSent, payload.Length);
            byte[] filler = new byte[16 * 1024];
            Array.Fill(filler, (byte)'x');
            for (long sent = 0; sent < ExtraBodyBytes; sent += filler.Length)
            {
                await stream.WriteAsync(filler, Stopping);
                Interlocked.Add(ref BytesSent, filler.Length);
            }
        }
        catch (Exception)
        {
            // the client hung up (as it should after the cap) or the server is stopping
        }
    }

    private async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        byte[] one = new byte[1];
        while (!(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, Stopping) == 0) break;
            head.Add(one[0]);
        }

        return Encoding.ASCII.GetString(head.ToArray());
    }
}
