using System.Net;
using System.Net.Sockets;
using System.Text;
using CasAws.Browser;

namespace CasAws.Tests.Browser;

/// <summary>The one loopback server of the console page and the browser login: the one-time page, the callback, and who may use them.</summary>
public sealed class LoopbackPageServerTests
{
    private static readonly Uri Secret = new("https://signin.aws.amazon.com/federation?Action=login&SigninToken=SECRET-TOKEN");
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private static HttpClient Browser(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseProxy = false, CookieContainer = cookies ?? new CookieContainer() });

    private static LoopbackPageServer LoginServer(string state)
    {
        var server = LoopbackPageServer.Start();
        server.Publish(Secret, request => request.Get("state") == state);
        return server;
    }

    [Fact]
    public async Task Redirects_the_first_fetch_of_its_page_and_keeps_the_secret_off_the_address()
    {
        using var server = LoopbackPageServer.Start();
        server.Publish(Secret);
        using HttpClient http = Browser();
        Assert.DoesNotContain("SECRET", server.PageAddress.AbsoluteUri);
        Assert.Equal("127.0.0.1", server.PageAddress.Host);

        HttpResponseMessage wrongPath = await http.GetAsync(new Uri(server.PageAddress, "/favicon.ico"));
        HttpResponseMessage first = await http.GetAsync(server.PageAddress);

        Assert.Equal(HttpStatusCode.NotFound, wrongPath.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal(Secret, first.Headers.Location);
        await server.PageServed.WaitAsync(HangGuard);
        Assert.Equal(1, server.Refused);
        Assert.False(server.Interference.IsCompleted);
    }

    [Fact]
    public async Task A_second_fetch_of_the_page_gets_no_secret_and_is_reported()
    {
        using var server = LoopbackPageServer.Start();
        server.Publish(Secret);
        using HttpClient thief = Browser(), browser = Browser();

        await thief.GetAsync(server.PageAddress);
        HttpResponseMessage second = await browser.GetAsync(server.PageAddress);

        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Null(second.Headers.Location);
        Assert.DoesNotContain("SECRET", await second.Content.ReadAsStringAsync());
        Assert.Equal(LoopbackInterference.PageFetchedTwice, await server.Interference.WaitAsync(HangGuard));
    }

    [Fact]
    public async Task Idle_connections_do_not_hold_up_the_page_or_the_callback()
    {
        using var server = LoginServer("s1");
        var idle = new List<TcpClient>();
        for (int i = 0; i < 8; i++)
        {
            var connection = new TcpClient();
            await connection.ConnectAsync(IPAddress.Loopback, server.Port);
            idle.Add(connection);
        }

        var cookies = new CookieContainer();
        using HttpClient http = Browser(cookies);
        Task<HttpResponseMessage> page = http.GetAsync(server.PageAddress);
        Assert.Equal(HttpStatusCode.SeeOther, (await page.WaitAsync(HangGuard)).StatusCode);
        Task<HttpResponseMessage> callback = http.GetAsync(new Uri(server.CallbackAddress + "?code=c&state=s1"));
        using LoopbackCallback received = await server.Callback.WaitAsync(HangGuard);
        received.Respond(true, "ok");
        Assert.Equal(HttpStatusCode.OK, (await callback.WaitAsync(HangGuard)).StatusCode);
        idle.ForEach(connection => connection.Dispose());
    }

    [Fact]
    public async Task A_stray_callback_is_turned_away_and_the_real_one_still_counts()
    {
        using var server = LoginServer("s1");
        using HttpClient stranger = Browser();
        var cookies = new CookieContainer();
        using HttpClient browser = Browser(cookies);
        await browser.GetAsync(server.PageAddress);

        HttpResponseMessage stray = await stranger.GetAsync(server.CallbackAddress);
        HttpResponseMessage forged = await stranger.GetAsync(new Uri(server.CallbackAddress + "?code=x&state=other"));

        Assert.Equal(HttpStatusCode.BadRequest, stray.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(server.Callback.IsCompleted);
        Assert.False(server.Interference.IsCompleted);
        Task<HttpResponseMessage> real = browser.GetAsync(new Uri(server.CallbackAddress + "?code=c&state=s1"));
        using LoopbackCallback received = await server.Callback.WaitAsync(HangGuard);
        Assert.Equal("c", received.Request.Get("code"));
        received.Respond(true, "ok");
        await real.WaitAsync(HangGuard);
    }

    [Fact]
    public async Task The_callback_with_the_state_from_a_client_that_did_not_fetch_the_page_is_interference()
    {
        using var server = LoginServer("s1");
        using HttpClient browser = Browser(), thief = Browser();
        await browser.GetAsync(server.PageAddress);

        HttpResponseMessage swapped = await thief.GetAsync(new Uri(server.CallbackAddress + "?code=theirs&state=s1"));

        Assert.Equal(HttpStatusCode.Forbidden, swapped.StatusCode);
        Assert.Equal(LoopbackInterference.CallbackFromAnotherClient, await server.Interference.WaitAsync(HangGuard));
        Assert.False(server.Callback.IsCompleted);
    }

    [Fact]
    public async Task A_request_that_never_ends_its_head_is_dropped_after_the_bound()
    {
        using var server = LoginServer("s1");
        using var slow = new TcpClient();
        await slow.ConnectAsync(IPAddress.Loopback, server.Port);
        NetworkStream stream = slow.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /callback?state=s1 HTTP/1.1\r\n"));

        var buffer = new byte[64];
        int read = await stream.ReadAsync(buffer).AsTask().WaitAsync(HangGuard);

        Assert.Equal(0, read);
        Assert.False(server.Callback.IsCompleted);
    }

    [Fact]
    public void Reads_the_owner_of_a_loopback_connection_from_the_socket_table()
    {
        string[] table =
        {
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
            "   0: 0100007F:C350 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1001        0 1 1",
            "   1: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 2 1",
        };

        Assert.Equal(1001u, LoopbackPeer.OwnerInTable(table, clientPort: 0xC350, serverPort: 0x1F90));
        Assert.Equal(0u, LoopbackPeer.OwnerInTable(table, clientPort: 0x1F90, serverPort: 0xC350));
        Assert.Null(LoopbackPeer.OwnerInTable(table, clientPort: 1, serverPort: 2));
    }

    [Fact]
    public async Task A_connection_of_this_user_is_not_another_user()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        using TcpClient accepted = await listener.AcceptTcpClientAsync();

        Assert.False(LoopbackPeer.IsAnotherUser(accepted));
    }
}
