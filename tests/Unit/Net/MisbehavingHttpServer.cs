using System.Net.Sockets;
using System.Text;

namespace CasAws.Tests.Net;

/// <summary>
/// Answers every request with headers, then either stalls or sends chunks for ever. With
/// <c>oidcIssuerPath</c> it first answers that issuer's discovery document properly (endpoints on this
/// server), so an OpenID Connect login gets as far as the token call, which then misbehaves.
/// </summary>
internal sealed class MisbehavingHttpServer : LoopbackTcpServer
{
    private readonly bool _endless;
    private readonly string? _oidcIssuerPath;
    private long _bytesSent;

    public MisbehavingHttpServer(bool endless, string? oidcIssuerPath = null)
    {
        _endless = endless;
        _oidcIssuerPath = oidcIssuerPath;
        Start();
    }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}/cas/");

    /// <summary>The issuer whose discovery document is answered; null without <c>oidcIssuerPath</c>.</summary>
    public Uri? Issuer => _oidcIssuerPath == null ? null : new Uri(BaseUri, _oidcIssuerPath);

    public long BytesSent => Interlocked.Read(ref _bytesSent);

    public TaskCompletionSource HeadersSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ServeAsync(TcpClient client)
    {
        try
        {
            NetworkStream stream = client.GetStream();
            byte[] request = new byte[8192];
            int read = await stream.ReadAsync(request, Stopping);
            if (Issuer != null && Encoding.ASCII.GetString(request, 0, read).StartsWith("GET " + Issuer.AbsolutePath + "/.well-known/openid-configuration ", StringComparison.Ordinal))
            {
                await AnswerDiscoveryAsync(stream);
                return;
            }

            string headers = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + (_endless ? "Transfer-Encoding: chunked\r\n\r\n" : "Content-Length: 1000\r\n\r\n{\"issuer\":");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(headers), Stopping);
            HeadersSent.TrySetResult();
            if (!_endless)
            {
                await Task.Delay(Timeout.Infinite, Stopping);
            }

            byte[] chunk = Encoding.ASCII.GetBytes("4000\r\n" + new string(' ', 0x4000) + "\r\n");
            while (true)
            {
                await stream.WriteAsync(chunk, Stopping);
                Interlocked.Add(ref _bytesSent, chunk.Length);
            }
        }
        catch (Exception)
        {
            // the client hung up, as it should, or the server is stopping
        }
    }

    private async Task AnswerDiscoveryAsync(NetworkStream stream)
    {
        string issuer = Issuer!.AbsoluteUri;
        byte[] body = Encoding.UTF8.GetBytes($"{{\"issuer\":\"{issuer}\",\"authorization_endpoint\":\"{issuer}/authorize\",\"token_endpoint\":\"{issuer}/token\"}}");
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: {body.Length}\r\n\r\n"), Stopping);
        await stream.WriteAsync(body, Stopping);
    }
}
