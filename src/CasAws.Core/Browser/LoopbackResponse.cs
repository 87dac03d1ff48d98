using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CasAws.Browser
{
    /// <summary>The loopback server's answers: a redirect or a small page, never cached, never sending a referrer on.</summary>
    internal static class LoopbackResponse
    {
        /// <summary>A page saying how something ended; <paramref name="detail"/> is HTML-encoded (it may hold server text).</summary>
        public static string Page(string heading, string detail, string? title = null) =>
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"/><title>CasAws: " + WebUtility.HtmlEncode(title ?? heading) + "</title></head><body><main><h1 id=\"outcome\">"
            + WebUtility.HtmlEncode(heading) + "</h1><p id=\"detail\">" + WebUtility.HtmlEncode(detail)
            + "</p><p>You can close this tab and return to PowerShell.</p></main></body></html>";

        /// <summary>Writes the answer and never throws: the other end may be gone, which changes nothing here.</summary>
        public static void Write(TcpClient connection, string status, string? html, string extraHeaders = "") =>
            WriteContent(connection, status, html, html == null ? null : "text/html; charset=utf-8", extraHeaders);

        /// <summary>An answer of any type (JSON, a plain sentence); never throws.</summary>
        public static void WriteContent(TcpClient connection, string status, string? content, string? contentType, string extraHeaders = "")
        {
            try
            {
                byte[] body = Encoding.UTF8.GetBytes(content ?? string.Empty);
                byte[] head = Encoding.ASCII.GetBytes("HTTP/1.1 " + status + "\r\n" + extraHeaders
                    + (contentType == null ? string.Empty : "Content-Type: " + contentType + "\r\n")
                    + "Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\nContent-Length: "
                    + body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\r\n\r\n");
                NetworkStream stream = connection.GetStream();
                stream.Write(head, 0, head.Length);
                stream.Write(body, 0, body.Length);
                stream.Flush();
            }
            catch (Exception problem) when (problem is IOException || problem is ObjectDisposedException || problem is InvalidOperationException || problem is SocketException)
            {
                // the client is gone; the outcome stands anyway
            }
        }
    }
}
