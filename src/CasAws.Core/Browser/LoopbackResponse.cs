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
        public static void Write(TcpClient connection, string status, string? html, string extraHeaders = "")
        {
            try
            {
                byte[] body = Encoding.UTF8.GetBytes(html ?? string.Empty);
                byte[] head = Encoding.ASCII.GetBytes("HTTP/1.1 " + status + "\r\n" + extraHeaders
                    + (html == null ? string.Empty : "Content-Type: text/html; charset=utf-8\r\n")
                    + "Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\nContent-Length: "
                    + body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\r\n\r\n");
                NetworkStream stream = connection.GetStream();
                stream.Write(head, 0, head.Length);
                stream.Write(body, 0, body.Length);
                stream.Flush();
            }
            catch (Exception problem) when (problem is IOException || problem is ObjectDisposedException || problem is InvalidOperationException || problem is SocketException)
            {
                // the browser tab is gone; the outcome stands anyway
            }
        }
    }
}
