using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CasAws.Tests.Net;

/// <summary>
/// An HTTPS server on 127.0.0.1 that presents <c>leaf</c> together with the intermediates given (as a
/// server of a company CA does) and answers every request with CAS's 'Authorization failure' 401, so a
/// client that got an answer at all has accepted the certificate.
/// </summary>
internal sealed class LoopbackTlsServer : LoopbackTcpServer
{
    private readonly SslStreamCertificateContext _context;

    public LoopbackTlsServer(X509Certificate2 leaf, params X509Certificate2[] intermediates)
    {
        _context = SslStreamCertificateContext.Create(leaf, new X509Certificate2Collection(intermediates), offline: true);
        Start();
    }

    public Uri BaseUri => new($"https://127.0.0.1:{Port}/cas");

    protected override async Task ServeAsync(TcpClient client)
    {
        try
        {
            using var tls = new SslStream(client.GetStream());
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificateContext = _context }, Stopping);
            var head = new StringBuilder();
            var buffer = new byte[4096];
            int read;
            while (!head.ToString().Contains("\r\n\r\n") && (read = await tls.ReadAsync(buffer, Stopping)) > 0)
            {
                head.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            const string body = "Authorization failure";
            byte[] response = Encoding.ASCII.GetBytes($"HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}");
            await tls.WriteAsync(response, Stopping);
        }
        catch (Exception exception) when (exception is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException or SocketException)
        {
            // the client refused the certificate or went away: that is what several tests expect
        }
    }
}
