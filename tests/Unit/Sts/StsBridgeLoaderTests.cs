using System.Net;
using System.Net.Sockets;
using System.Runtime.Loader;
using CasAws.Aws;
using CasAws.Credentials;

namespace CasAws.Tests.Sts;

public sealed class StsBridgeLoaderTests
{
    private static readonly CasAwsCredential Keys = new("ASIAEXAMPLEKEY000001", "secret", "token", DateTime.UtcNow.AddHours(1));

    [Fact]
    public async Task Loads_CasAws_Sts_and_the_AWS_SDK_into_a_private_context_only()
    {
        IStsBridge bridge = StsBridgeLoader.Load(StsAssemblies.Folder);
        var closed = new StsEndpoint(new Uri($"http://127.0.0.1:{ClosedPort()}/"), "us-east-1", TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<StsCallException>(() => bridge.GetCallerIdentityAsync(closed, Keys, CancellationToken.None));

        AssemblyLoadContext context = AssemblyLoadContext.GetLoadContext(bridge.GetType().Assembly)!;
        Assert.NotSame(AssemblyLoadContext.Default, context);
        Assert.Equal("CasAws.Sts", context.Name);
        // Its own AWS SDK, from its own folder, whatever else this process has loaded (other tests use the SDK too).
        foreach (string name in new[] { "AWSSDK.Core", "AWSSDK.SecurityToken" })
        {
            var ours = context.Assemblies.Single(a => a.GetName().Name == name);
            Assert.Equal(Path.Combine(StsAssemblies.Folder, name + ".dll"), ours.Location);
            Assert.DoesNotContain(AssemblyLoadContext.Default.Assemblies, a => ReferenceEquals(a, ours));
        }

        // The bridge speaks this assembly's types: CasAws.Cmdlets resolved back to the one copy.
        Assert.Same(typeof(IStsBridge).Assembly, bridge.GetType().GetInterfaces().Single(i => i.Name == nameof(IStsBridge)).Assembly);
    }

    [Fact]
    public void A_missing_sts_folder_says_to_reinstall()
    {
        var error = Assert.Throws<FileNotFoundException>(() => StsBridgeLoader.Load(Path.Combine(Path.GetTempPath(), "casaws-no-such-folder")));

        Assert.Contains("Reinstall", error.Message);
    }

    [Fact]
    public async Task A_refused_connection_is_a_network_failure()
    {
        int closedPort = ClosedPort();
        var endpoint = new StsEndpoint(new Uri($"http://127.0.0.1:{closedPort}/"), "us-east-1", TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<StsCallException>(() => StsAssemblies.Bridge.GetCallerIdentityAsync(endpoint, Keys, CancellationToken.None));

        Assert.Equal(StsFailureKind.Network, error.Kind);
        Assert.DoesNotContain(Keys.SecretKey, error.Message);
    }

    [Fact]
    public async Task A_silent_server_is_a_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var endpoint = new StsEndpoint(new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/"), "us-east-1", TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<StsCallException>(() => StsAssemblies.Bridge.GetCallerIdentityAsync(endpoint, Keys, CancellationToken.None));

        Assert.Equal(StsFailureKind.Timeout, error.Kind);
        Assert.Contains("did not answer within 1 s", error.Message);
    }

    [Fact]
    public async Task Cancelling_stops_the_call_as_a_cancellation()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var endpoint = new StsEndpoint(new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/"), "us-east-1", TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => StsAssemblies.Bridge.GetCallerIdentityAsync(endpoint, Keys, cancel.Token));
    }

    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
