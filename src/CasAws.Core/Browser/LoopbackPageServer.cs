using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace CasAws.Browser
{
    /// <summary>What showed that another local process got in the way of a browser hand-over.</summary>
    internal enum LoopbackInterference
    {
        /// <summary>The one-time page was fetched a second time: whoever came first (a process that read the browser's command line, or the browser) got the redirect.</summary>
        PageFetchedTwice,

        /// <summary>Another local user connected for the page or the callback (Linux tells who owns a loopback connection); it was not served.</summary>
        AnotherUser,

        /// <summary>The callback with this login's state came from a client that did not fetch the page (no or another cookie).</summary>
        CallbackFromAnotherClient,
    }

    /// <summary>
    /// The browser hand-over on the 127.0.0.1 <see cref="LoopbackListener"/>: a one-time page at an unguessable path
    /// that redirects to a secret URL (the console sign-in link, or the authorization URL with state, nonce
    /// and PKCE challenge), so the secret is never on a command line, where every local user can read it;
    /// and, for a login, the redirect back at <see cref="CallbackPath"/>. Connections are served concurrently,
    /// each bounded in time, so idle or stray ones neither stall nor end anything; only the one callback the
    /// caller recognises (its state) counts, and only from the client that fetched the page (a cookie the
    /// page set). A second fetch of the page, a callback from another client, or (on Linux) any page or
    /// callback request from another user is reported as <see cref="Interference"/>.
    /// </summary>
    internal sealed class LoopbackPageServer : IDisposable
    {
        public const string CallbackPath = "/callback";

        private readonly string _pagePath = "/" + Unguessable.New();
        private readonly string _cookieValue = Unguessable.New();
        private LoopbackListener? _listener;
        private readonly TaskCompletionSource<bool> _pageServed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<LoopbackInterference> _interference = new TaskCompletionSource<LoopbackInterference>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<LoopbackCallback> _callback = new TaskCompletionSource<LoopbackCallback>(TaskCreationOptions.RunContinuationsAsynchronously);
        private Uri? _target;
        private Func<LoopbackRequest, bool>? _isThisLogin;
        private int _pageFetches;
        private int _refused;

        private LoopbackPageServer()
        {
        }

        public int Port => Listening.Port;

        /// <summary>The address to give the browser: it holds no part of the secret target.</summary>
        public Uri PageAddress => new Uri(Listening.Origin + _pagePath);

        /// <summary>The redirect URI of a login (RFC 8252's loopback redirect).</summary>
        public Uri CallbackAddress => new Uri(Listening.Origin + CallbackPath);

        private LoopbackListener Listening => _listener ?? throw new InvalidOperationException("Not started.");

        /// <summary>Completes when the page has been served once.</summary>
        public Task PageServed => _pageServed.Task;

        /// <summary>Completes when another process got in the way.</summary>
        public Task<LoopbackInterference> Interference => _interference.Task;

        /// <summary>Completes with the one callback this login recognised, from the client that fetched the page.</summary>
        public Task<LoopbackCallback> Callback => _callback.Task;

        /// <summary>How many requests were turned away (other paths, callbacks of another login).</summary>
        public int Refused => Volatile.Read(ref _refused);

        /// <summary>Listens on 127.0.0.1 at <paramref name="port"/> (0: a free port the system picks).</summary>
        /// <exception cref="SocketException">The port is taken.</exception>
        public static LoopbackPageServer Start(int port = 0)
        {
            var server = new LoopbackPageServer();
            server._listener = LoopbackListener.Start(server.Serve, port);
            return server;
        }

        /// <summary>
        /// Sets what the page redirects to. With <paramref name="isThisLogin"/>, the server also takes the
        /// login's redirect: the callback request for which it returns true.
        /// </summary>
        public void Publish(Uri target, Func<LoopbackRequest, bool>? isThisLogin = null)
        {
            Volatile.Write(ref _isThisLogin, isThisLogin);
            Volatile.Write(ref _target, target);
        }

        public void Dispose() => _listener?.Dispose();

        /// <returns>True when the connection now belongs to the <see cref="LoopbackCallback"/>.</returns>
        private bool Serve(TcpClient connection, LoopbackRequest request)
        {
            if (request.Method == "GET" && Unguessable.Equal(request.Path, _pagePath))
            {
                ServePage(connection);
                return false;
            }

            if (request.Method == "GET" && request.Path == CallbackPath && Volatile.Read(ref _isThisLogin) is Func<LoopbackRequest, bool> isThisLogin)
            {
                return TakeCallback(connection, request, isThisLogin);
            }

            Interlocked.Increment(ref _refused);
            LoopbackResponse.Write(connection, "404 Not Found", LoopbackResponse.Page("Not found", "There is nothing here."));
            return false;
        }

        private void ServePage(TcpClient connection)
        {
            Uri? target = Volatile.Read(ref _target);
            if (target == null)
            {
                LoopbackResponse.Write(connection, "503 Service Unavailable", LoopbackResponse.Page("Not ready", "Try again in a moment."));
                return;
            }

            if (LoopbackPeer.IsAnotherUser(connection))
            {
                Interfere(connection, LoopbackInterference.AnotherUser);
                return;
            }

            if (Interlocked.Increment(ref _pageFetches) != 1)
            {
                Interfere(connection, LoopbackInterference.PageFetchedTwice);
                return;
            }

            // The cookie marks the client that got the redirect: only it may bring the login back.
            string cookie = Volatile.Read(ref _isThisLogin) == null ? string.Empty
                : "Set-Cookie: " + CookieName + "=" + _cookieValue + "; Path=" + CallbackPath + "; HttpOnly; SameSite=Lax\r\n";
            LoopbackResponse.Write(connection, "303 See Other", null, "Location: " + target.AbsoluteUri + "\r\n" + cookie);
            _pageServed.TrySetResult(true);
        }

        /// <returns>True when the connection now belongs to the <see cref="LoopbackCallback"/>.</returns>
        private bool TakeCallback(TcpClient connection, LoopbackRequest request, Func<LoopbackRequest, bool> isThisLogin)
        {
            if (!isThisLogin(request))
            {
                Interlocked.Increment(ref _refused);
                LoopbackResponse.Write(connection, "400 Bad Request", LoopbackResponse.Page("Not this login", "CasAws is not waiting for this login; it ignored this request."));
                return false;
            }

            if (LoopbackPeer.IsAnotherUser(connection))
            {
                Interfere(connection, LoopbackInterference.AnotherUser);
                return false;
            }

            request.Cookies.TryGetValue(CookieName, out string? cookie);
            if (Volatile.Read(ref _pageFetches) != 1 || !Unguessable.Equal(cookie, _cookieValue))
            {
                Interfere(connection, LoopbackInterference.CallbackFromAnotherClient);
                return false;
            }

            if (!_callback.TrySetResult(new LoopbackCallback(connection, request)))
            {
                LoopbackResponse.Write(connection, "409 Conflict", LoopbackResponse.Page("Already done", "CasAws has already received this login."));
                return false;
            }

            return true;
        }

        private void Interfere(TcpClient connection, LoopbackInterference what)
        {
            _interference.TrySetResult(what);
            LoopbackResponse.Write(connection, "403 Forbidden", LoopbackResponse.Page("Stopped", "Another program on this computer got in the way, so CasAws stopped. Run the command again."));
        }

        /// <summary>Per port, so that two logins at the same time in one browser keep their own cookie.</summary>
        private string CookieName => "casaws_" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
