using CasAws.Cas;
using CasAws.Errors;
using CasAws.Oidc;
using CasAws.Tests.Net;

namespace CasAws.Tests.Oidc;

/// <summary>
/// The OpenID Connect calls read their answers through the one bounded reader the CAS client uses: a body
/// that stalls after its headers ends at the connection's timeout, an endless one at the size cap.
/// </summary>
public sealed class OidcHttpBoundsTests
{
    /// <summary>Only a guard against a hang of the code under test; the timeout it checks is 1 s.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_discovery_answer_that_stalls_after_its_headers_ends_at_the_timeout()
    {
        using var server = new MisbehavingHttpServer(endless: false);
        var settings = new CasConnectionSettings(server.BaseUri) { Timeout = TimeSpan.FromSeconds(1) };

        CasAwsException failure = await FailsWithin(OidcDiscovery.DiscoverAsync(settings, new Uri(server.BaseUri, "oidc"), CancellationToken.None));

        Assert.Equal(ErrorIds.OidcServerTimeout, failure.ErrorId);
    }

    [Fact]
    public async Task A_discovery_answer_that_never_ends_is_cut_at_the_cap()
    {
        using var server = new MisbehavingHttpServer(endless: true);
        var settings = new CasConnectionSettings(server.BaseUri) { Timeout = TimeSpan.FromSeconds(30) };

        CasAwsException failure = await FailsWithin(OidcDiscovery.DiscoverAsync(settings, new Uri(server.BaseUri, "oidc"), CancellationToken.None));

        Assert.Equal(ErrorIds.OidcUnexpectedAnswer, failure.ErrorId);
        Assert.Contains("too large", failure.Message);
        Assert.True(server.BytesSent < 64L * 1024 * 1024, $"the client read {server.BytesSent} bytes");
    }

    [Fact]
    public async Task Ctrl_C_ends_a_stalled_answer_at_once()
    {
        using var server = new MisbehavingHttpServer(endless: false);
        var settings = new CasConnectionSettings(server.BaseUri) { Timeout = TimeSpan.FromMinutes(10) };
        using var ctrlC = new CancellationTokenSource();
        Task call = OidcDiscovery.DiscoverAsync(settings, new Uri(server.BaseUri, "oidc"), ctrlC.Token);
        await server.HeadersSent.Task.WaitAsync(HangGuard);

        ctrlC.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(HangGuard));
    }

    private static async Task<CasAwsException> FailsWithin(Task call)
    {
        Task finished = await Task.WhenAny(call, Task.Delay(HangGuard));
        Assert.Same(call, finished);
        return await Assert.ThrowsAsync<CasAwsException>(() => call);
    }
}
