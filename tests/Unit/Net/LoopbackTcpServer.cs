using System.Net;
using System.Net.Sockets;

namespace CasAws.Tests.Net;

/// <summary>A TCP server on 127.0.0.1 (a free port) that serves each connection on a task of its own until disposed.</summary>
public abstract class LoopbackTcpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    protected int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    protected CancellationToken Stopping => _stop.Token;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    /// <summary>Called by the derived class once its own fields are set.</summary>
    protected void Start()
    {
        _listener.Start();
        _ = Task.Run(AcceptLoop);
    }

    /// <summary>Serves one connection; the client is disposed afterwards.</summary>
    protected abstract Task ServeAsync(TcpClient client);

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch { return; }
            _ = Task.Run(async () =>
            {
                using (client) await ServeAsync(client);
            });
        }
    }
}
