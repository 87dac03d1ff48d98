using System.Net;
using System.Net.Sockets;
using CasAws.Aws;

namespace CasAws.Tests.Sts;

public sealed class OneTimeRedirectPageTests
{
    private static readonly Uri Secret = new("https://signin.aws.amazon.com/federation?Action=login&SigninToken=SECRET-TOKEN");

    private static HttpClient NoRedirects() => new(new HttpClientHandler { AllowAutoRedirect = false, UseProxy = false });

    [Fact]
    public async Task Redirects_the_first_request_for_its_path_and_is_gone_afterwards()
    {
        using var page = OneTimeRedirectPage.Start(Secret);
        using HttpClient http = NoRedirects();
        Assert.DoesNotContain("SECRET", page.Address.AbsoluteUri);
        Assert.Equal("127.0.0.1", page.Address.Host);

        HttpResponseMessage wrongPath = await http.GetAsync(new Uri(page.Address, "/favicon.ico"));
        HttpResponseMessage first = await http.GetAsync(page.Address);

        Assert.Equal(HttpStatusCode.NotFound, wrongPath.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal(Secret, first.Headers.Location);
        Assert.True(await page.WaitForRequestAsync(TimeSpan.FromSeconds(5), CancellationToken.None));
        Assert.Equal(1, page.Refused);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetAsync(page.Address));
    }

    [Fact]
    public async Task Says_when_nobody_came_in_time()
    {
        using var page = OneTimeRedirectPage.Start(Secret);

        Assert.False(await page.WaitForRequestAsync(TimeSpan.FromMilliseconds(200), CancellationToken.None));
    }

    [Fact]
    public async Task An_idle_connection_does_not_hold_up_the_browser()
    {
        using var page = OneTimeRedirectPage.Start(Secret);
        using var idle = new TcpClient();
        await idle.ConnectAsync(IPAddress.Loopback, page.Address.Port);
        using HttpClient http = NoRedirects();

        HttpResponseMessage answer = await http.GetAsync(page.Address);

        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
    }
}
