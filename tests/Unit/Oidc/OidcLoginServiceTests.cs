using CasAws.Cas;
using CasAws.Errors;
using CasAws.Oidc;
using CasAws.Tests.Emulator;
using CasAws.Tests.Net;

namespace CasAws.Tests.Oidc;

/// <summary>
/// The whole browser login as one service, in-process: a stand-in browser behind the browser seam, a pasted
/// address behind the prompt seam, and the waits run here with a cancellation this test holds.
/// </summary>
public sealed class OidcLoginServiceTests : IAsyncLifetime
{
    /// <summary>Only a guard against a hang of the code under test; the timeouts it checks are 1 s.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);
    private TestEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await TestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private OidcLoginRequest EmulatorLogin(string? expectedUser = null) =>
        new(new CasConnectionSettings(new Uri(_emu.Running.Endpoints.CasServers["cas"].CasBaseHttp)), "casaws", OidcRoles.DefaultClaim)
        {
            Issuer = new Uri(_emu.Running.Endpoints.CasServers["cas"].OidcIssuerHttp!),
            ExpectedUser = expectedUser,
            BrowserWait = HangGuard,
        };

    /// <summary>A browser that logs in as bob on the emulator's pages and comes back to the login's callback.</summary>
    private static async Task LogsInAsBob(Uri loginPage)
    {
        using var browser = new BrowserStandIn();
        Uri authorization = (await browser.OpenAsync(loginPage.AbsoluteUri))!;
        Assert.Null(await browser.OpenAsync(authorization.AbsoluteUri));
        Uri callback = (await browser.LoginAsync("bob", "bob-pw"))!;
        await browser.OpenAsync(callback.AbsoluteUri);
    }

    /// <summary>A browser that comes back from the authorization URL with <paramref name="answer"/> and this login's state, without asking the provider.</summary>
    private static Func<Uri, Task> ComesBackWith(string answer) => async loginPage =>
    {
        using var browser = new BrowserStandIn();
        Uri authorization = (await browser.OpenAsync(loginPage.AbsoluteUri))!;
        await browser.OpenAsync(CodeFlowClient.Param(authorization, "redirect_uri") + "?" + answer + "&state=" + CodeFlowClient.Param(authorization, "state"));
    };

    [Fact]
    public void A_login_through_the_browser_seam_gives_the_users_claims_tokens_expiry_and_roles()
    {
        var seams = new Seams(browser: LogsInAsBob);

        OidcLoginResult result = new OidcLoginService(seams, seams, seams).Login(EmulatorLogin("bob"));

        Assert.False(result.IsError, result.ErrorDescription);
        Assert.Equal("bob", result.User!.UserName);
        Assert.NotEmpty(result.IdentityToken!);
        Assert.NotNull(result.AccessToken);
        Assert.NotNull(result.RefreshToken); // offline_access is asked for
        Assert.InRange(result.ExpiresUtc!.Value, DateTime.UtcNow.AddHours(7), DateTime.UtcNow.AddHours(9));
        Assert.Contains(TestEmulator.DeveloperRole, result.Roles);
        Assert.StartsWith("Logged in as bob at ", result.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(result.IdentityToken!, result.ToString(), StringComparison.Ordinal);
        Assert.Equal(new[] { OidcLoginService.DiscoveryStatus, OidcLoginService.BrowserStatus }, seams.Statuses);
    }

    [Fact]
    public void A_pasted_redirect_with_another_state_is_an_error_result()
    {
        var seams = new Seams(prompt: authorization => CodeFlowClient.Param(authorization, "redirect_uri") + "?code=c&state=other");
        OidcLoginRequest request = EmulatorLogin();
        request.PastedRedirect = true;

        OidcLoginResult result = new OidcLoginService(seams, seams, seams).Login(request);

        Assert.True(result.IsError);
        Assert.Equal(ErrorIds.OidcStateMismatch, result.Error!.ErrorId);
        Assert.Null(result.IdentityToken);
        Assert.Equal(0, seams.BrowsersOpened);
    }

    [Fact]
    public void An_error_in_the_callback_is_an_error_result_naming_it()
    {
        var seams = new Seams(browser: ComesBackWith("error=access_denied&iss=" + Uri.EscapeDataString(EmulatorLogin().Issuer!.AbsoluteUri)));

        OidcLoginResult result = new OidcLoginService(seams, seams, seams).Login(EmulatorLogin());

        Assert.Equal(ErrorIds.OidcAuthorizationRefused, result.Error!.ErrorId);
        Assert.Contains("'access_denied'", result.ErrorDescription, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_http_issuer_elsewhere_is_refused_before_any_request()
    {
        var seams = new Seams();
        OidcLoginRequest request = EmulatorLogin();
        request.Issuer = new Uri("http://sso.example.org/cas/oidc");

        OidcLoginResult result = new OidcLoginService(seams, seams, seams).Login(request);

        Assert.Equal(ErrorIds.InsecureServerUrl, result.Error!.ErrorId);
        Assert.Empty(seams.Statuses);
    }

    [Fact]
    public void A_stalled_token_endpoint_ends_at_the_connections_timeout()
    {
        using var provider = new MisbehavingHttpServer(endless: false, oidcIssuerPath: "oidc");
        var seams = new Seams(browser: ComesBackWith("code=c"));

        OidcLoginResult result = new OidcLoginService(seams, seams, seams).Login(StalledLogin(provider, TimeSpan.FromSeconds(1)));

        Assert.Equal(ErrorIds.OidcServerTimeout, result.Error!.ErrorId);
    }

    [Fact]
    public void Ctrl_C_ends_a_stalled_token_call_at_once()
    {
        using var provider = new MisbehavingHttpServer(endless: false, oidcIssuerPath: "oidc");
        using var ctrlC = new CancellationTokenSource();
        var seams = new Seams(browser: ComesBackWith("code=c"), cancellation: ctrlC.Token);
        _ = provider.HeadersSent.Task.ContinueWith(_ => ctrlC.Cancel(), TaskScheduler.Default);

        Assert.ThrowsAny<OperationCanceledException>(() => new OidcLoginService(seams, seams, seams).Login(StalledLogin(provider, TimeSpan.FromMinutes(10))));
    }

    [Fact]
    public void A_token_answer_that_never_ends_is_cut_at_the_cap()
    {
        using var provider = new MisbehavingHttpServer(endless: true, oidcIssuerPath: "oidc");
        var seams = new Seams(browser: ComesBackWith("code=c"));

        OidcLoginResult result = new OidcLoginService(seams, seams, seams).Login(StalledLogin(provider, TimeSpan.FromSeconds(30)));

        Assert.Equal(ErrorIds.OidcUnexpectedAnswer, result.Error!.ErrorId);
        Assert.Contains("too large", result.ErrorDescription, StringComparison.Ordinal);
        Assert.True(provider.BytesSent < 64L * 1024 * 1024, $"the client read {provider.BytesSent} bytes");
    }

    private static OidcLoginRequest StalledLogin(MisbehavingHttpServer provider, TimeSpan timeout) =>
        new(new CasConnectionSettings(provider.BaseUri) { Timeout = timeout }, "casaws", OidcRoles.DefaultClaim)
        {
            Issuer = provider.Issuer,
            BrowserWait = HangGuard,
        };

    /// <summary>The seams as a test drives them: a browser task, a pasted answer, and waits bounded by the hang guard.</summary>
    private sealed class Seams : IOidcBrowser, IOidcRedirectPrompt, IOidcLoginWait
    {
        private readonly Func<Uri, Task>? _browser;
        private readonly Func<Uri, string>? _prompt;
        private readonly CancellationToken _cancellation;

        public Seams(Func<Uri, Task>? browser = null, Func<Uri, string>? prompt = null, CancellationToken cancellation = default)
        {
            _browser = browser;
            _prompt = prompt;
            _cancellation = cancellation;
        }

        public List<string> Statuses { get; } = new();

        public int BrowsersOpened { get; private set; }

        public void Open(Uri loginPage)
        {
            BrowsersOpened++;
            Assert.Equal("127.0.0.1", loginPage.Host);
            // The browser runs beside the login, which waits for its redirect.
            _ = Task.Run(() => (_browser ?? throw new InvalidOperationException("no browser in this test"))(loginPage));
        }

        public string AskForRedirect(Uri authorization) => (_prompt ?? throw new InvalidOperationException("no prompt in this test"))(authorization);

        public T Wait<T>(Func<CancellationToken, Task<T>> step, string status)
        {
            Statuses.Add(status);
            return step(_cancellation).WaitAsync(HangGuard).GetAwaiter().GetResult();
        }
    }
}
