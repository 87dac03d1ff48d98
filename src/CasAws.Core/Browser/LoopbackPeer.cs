using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using CasAws.Files;

namespace CasAws.Browser
{
    /// <summary>
    /// Which local user opened a loopback connection. Linux lists every TCP socket with its owner in
    /// /proc/net/tcp: the client's end of a connection to us is the line whose local port is the client's
    /// port and whose remote port is ours. Elsewhere (and when the line cannot be read) the owner is unknown.
    /// </summary>
    internal static class LoopbackPeer
    {
        private const string SocketTable = "/proc/net/tcp";

        /// <summary>True only when the connection is known to come from another user than the one running CasAws.</summary>
        public static bool IsAnotherUser(TcpClient connection)
        {
#if NET8_0_OR_GREATER
            if (!OperatingSystem.IsLinux()) return false;
            uint? owner;
            try
            {
                if (!(connection.Client.RemoteEndPoint is IPEndPoint client) || !(connection.Client.LocalEndPoint is IPEndPoint server)) return false;
                owner = OwnerInTable(File.ReadLines(SocketTable), client.Port, server.Port);   // read only up to the connection's line
            }
            catch (Exception problem) when (problem is IOException || problem is UnauthorizedAccessException || problem is SocketException || problem is ObjectDisposedException)
            {
                return false;
            }

            return owner != null && owner != UnixFileStatus.CurrentUserId();
#else
            return false;
#endif
        }

        /// <summary>The uid column of the line "local 127.0.0.1:clientPort, remote 127.0.0.1:serverPort" (ports in hex).</summary>
        internal static uint? OwnerInTable(IEnumerable<string> lines, int clientPort, int serverPort)
        {
            string local = ":" + clientPort.ToString("X4", CultureInfo.InvariantCulture);
            string remote = ":" + serverPort.ToString("X4", CultureInfo.InvariantCulture);
            foreach (string line in lines)
            {
                string[] columns = line.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid ...
                if (columns.Length > 7 && columns[1].EndsWith(local, StringComparison.Ordinal) && columns[2].EndsWith(remote, StringComparison.Ordinal)
                    && uint.TryParse(columns[7], NumberStyles.None, CultureInfo.InvariantCulture, out uint uid))
                {
                    return uid;
                }
            }

            return null;
        }
    }
}
