using System.Management.Automation;
using System.Text.RegularExpressions;
using CasAws.Session;
using CasAws.Tests.Emulator;
using CasAws.Tests.Oidc;

namespace CasAws.Tests.Cmdlets;

/// <summary>Connect-CasAws -OpenIdConnect -NoBrowser: the login URL on the screen, the address the browser ended on pasted back (issue 20, item 12).</summary>
[Collection(SessionStoreCollection.Name)]
public sealed class NoBrowserLoginTests : IAsyncLifetime
{
    private TestEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await TestEmulator.StartAsync();

    public async Task DisposeAsync()
    {
        CasSessionStore.Clear();
        await _emulator.DisposeAsync();
    }

    private static (List<PSObject> Output, List<ErrorRecord> Errors) Run(ScriptedHost host, string script, string server) =>
        InteractiveHostTests.Run(host, script, ("server", server));

    /// <summary>The user: reads the URL off the screen, logs in in "another computer's" browser, pastes where it ended.</summary>
    private static Func<string, string> LogInElsewhereAs(string user, string password, Func<string, string>? tamper = null) => screen =>
    {
        string url = Regex.Match(screen, @"https?://\S+/oidcAuthorize\?\S+").Value;
        using var browser = new BrowserStandIn();
        Assert.Null(browser.OpenAsync(url).GetAwaiter().GetResult());
        string ended = browser.LoginAsync(user, password).GetAwaiter().GetResult()!.AbsoluteUri;
        return tamper == null ? ended : tamper(ended);
    };

    [Fact]
    public void The_pasted_address_completes_the_login_without_a_listener_and_its_code_is_never_shown()
    {
        string? pasted = null;
        var host = new ScriptedHost(null);
        host.Screen.SecretAnswer = screen => pasted = LogInElsewhereAs("bob", "bob-pw")(screen);

        var (output, errors) = Run(host, "Connect-CasAws -Server $server -OpenIdConnect -NoBrowser -RedirectPort 50999", _emulator.Running.Endpoints.CasBaseHttp);

        Assert.Empty(errors);
        Assert.Equal("bob", Assert.IsType<CasAwsSession>(Assert.Single(output).BaseObject).UserName);
        Assert.StartsWith("http://127.0.0.1:50999/callback?", pasted);
        Assert.DoesNotContain(CodeFlowClient.Param(new Uri(pasted!), "code")!, host.Screen.Shown);
    }

    [Fact]
    public void A_pasted_address_with_another_state_is_refused()
    {
        var host = new ScriptedHost(null);
        host.Screen.SecretAnswer = LogInElsewhereAs("bob", "bob-pw", ended => Regex.Replace(ended, "state=[^&]+", "state=forged"));

        var (_, errors) = Run(host, "Connect-CasAws -Server $server -OpenIdConnect -NoBrowser", _emulator.Running.Endpoints.CasBaseHttp);

        Assert.StartsWith("OidcStateMismatch", Assert.Single(errors).FullyQualifiedErrorId);
    }
}
