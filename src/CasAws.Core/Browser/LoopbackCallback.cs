using System;
using System.Net.Sockets;

namespace CasAws.Browser
{
    /// <summary>The browser's redirect back to CasAws, held open until the login is finished, so the tab can say how it ended.</summary>
    internal sealed class LoopbackCallback : IDisposable
    {
        private readonly TcpClient _connection;

        public LoopbackCallback(TcpClient connection, LoopbackRequest request)
        {
            _connection = connection;
            Request = request;
        }

        public LoopbackRequest Request { get; }

        /// <summary>Answers the browser; <paramref name="message"/> is shown HTML-encoded. Never throws (the tab may be gone).</summary>
        public void Respond(bool succeeded, string message) =>
            LoopbackResponse.Write(_connection, succeeded ? "200 OK" : "400 Bad Request", LoopbackResponse.Page(succeeded ? "Logged in" : "Login failed", message, succeeded ? "logged in" : "login failed"));

        public void Dispose() => _connection.Dispose();
    }
}
