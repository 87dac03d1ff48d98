using System.Text;
using CasAws.Emulator.Cas;
using CasAws.Emulator.Config;
using CasAws.Emulator.Duo;
using CasAws.Emulator.Hosting;
using Microsoft.AspNetCore.Http;

namespace CasAws.Emulator.Oidc;

/// <summary>
/// The authorization endpoint and the pages a browser goes through: login (user name and password),
/// Duo (push or passcode) for MFA users, consent unless the service bypasses it; then a one-time code
/// sent to the redirect URI. A ticket-granting cookie gives single sign-on to the next authorization.
/// </summary>
internal sealed class OidcBrowserFlow
{
    private const string SsoCookie = "TGC";
    private readonly OidcProvider _provider;
    private readonly CasAuthenticator _authenticator;

    public OidcBrowserFlow(OidcProvider provider)
    {
        _provider = provider;
        _authenticator = new CasAuthenticator(provider.Server, provider.Users, provider.Duo, provider.Codes);
    }

    private string LoginPath => _provider.BasePath + "/login";
    private string MfaPath => _provider.BasePath + "/mfa";
    private string ConsentPath => _provider.BasePath + "/consent";

    public async Task AuthorizeAsync(HttpContext context)
    {
        var query = RequestBody.ParseQuery(context.Request.QueryString.Value);
        if (HttpMethods.IsPost(context.Request.Method))
            foreach (var pair in RequestBody.ParseForm(await RequestBody.ReadAllAsync(context.Request, context.RequestAborted))) query.TryAdd(pair.Key, pair.Value);
        string? Get(string name) => query.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

        var client = _provider.Client(Get("client_id"));
        var redirectUri = Get("redirect_uri");
        // Without a registered client and a redirect URI its serviceId allows, nothing may be sent anywhere.
        if (client is null)
        {
            context.SetLogOutcome("unknown client");
            await OidcPages.WriteAsync(context, 401, OidcPages.Error("Application Not Authorized to Use CAS", "The client id is not registered with this CAS server."));
            return;
        }
        if (redirectUri is null || !CasRegex.Matches(client.ServiceId, redirectUri))
        {
            context.SetLogOutcome("redirect_uri refused");
            await OidcPages.WriteAsync(context, 401, OidcPages.Error("Application Not Authorized to Use CAS", "The redirect URI is not allowed for this client."));
            return;
        }
        var scopes = (Get("scope") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
        var state = Get("state");
        if (Get("response_type") != "code")
        {
            RedirectError(context, redirectUri, state, "unsupported_response_type");
            return;
        }
        if (!scopes.Contains("openid"))
        {
            RedirectError(context, redirectUri, state, "invalid_scope");
            return;
        }
        var method = Get("code_challenge_method");
        if (method is not (null or "plain" or "S256") || (method is not null && Get("code_challenge") is null))
        {
            RedirectError(context, redirectUri, state, "invalid_request");
            return;
        }

        var pending = new PendingAuthorization
        {
            Id = OidcState.NewValue("AR"),
            ClientId = client.ClientId,
            RedirectUri = redirectUri,
            Scopes = scopes,
            State = state,
            Nonce = Get("nonce"),
            CodeChallenge = Get("code_challenge"),
            CodeChallengeMethod = method,
            Created = _provider.Clock.UtcNow,
        };
        _provider.State.Pending[pending.Id] = pending;

        if (Get("prompt") != "login" && SsoSessionOf(context) is { } sso && _provider.User(sso.User) is { } ssoUser
            && (sso.Mfa || !_authenticator.MfaTriggered(ssoUser, redirectUri)))
        {
            pending.User = sso.User;
            pending.MfaDone = true;
            context.SetLogUser(sso.User);
            await ContinueAsync(context, pending, sso);
            return;
        }
        context.SetLogOutcome("login page");
        await OidcPages.WriteAsync(context, 200, OidcPages.Login(LoginPath, pending.Id, null));
    }

    public async Task LoginAsync(HttpContext context)
    {
        var (form, pending) = await ReadStepAsync(context);
        if (pending is null) return;
        form.TryGetValue("username", out var username);
        form.TryGetValue("password", out var password);
        var user = _provider.Users.FirstOrDefault(u => u.Username == username);
        if (user is null || string.IsNullOrEmpty(password) || user.Password != password)
        {
            context.SetLogOutcome("bad credentials");
            await OidcPages.WriteAsync(context, 401, OidcPages.Login(LoginPath, pending.Id, "Invalid credentials."));
            return;
        }
        context.SetLogUser(user.Username);
        pending.User = user.Username;
        if (_authenticator.MfaTriggered(user, pending.RedirectUri))
        {
            context.SetLogOutcome("duo page");
            await OidcPages.WriteAsync(context, 200, OidcPages.Duo(MfaPath, pending.Id, user.Username, null));
            return;
        }
        pending.MfaDone = true;
        await ContinueAsync(context, pending, StartSso(context, user, mfa: false));
    }

    public async Task MfaAsync(HttpContext context)
    {
        var (form, pending) = await ReadStepAsync(context);
        if (pending is null) return;
        var user = pending.User is null ? null : _provider.User(pending.User);
        if (user is null)
        {
            await OidcPages.WriteAsync(context, 200, OidcPages.Login(LoginPath, pending.Id, "Log in first."));
            return;
        }
        context.SetLogUser(user.Username);
        bool passed;
        string failure;
        if (form.TryGetValue("factor", out var factor) && factor == "passcode")
        {
            passed = form.TryGetValue("passcode", out var passcode) && passcode.Length > 0 && _provider.Duo.TryUsePasscode(user, passcode);
            context.SetLogOutcome(passed ? "passcode accepted" : "passcode rejected");
            failure = "The passcode was not accepted.";
        }
        else
        {
            PushOutcome outcome;
            try
            {
                outcome = await _provider.Duo.PushAsync(user, _provider.Server.Name!, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                context.SetLogOutcome("browser went away during push");
                return;
            }
            context.SetLogOutcome("push " + outcome.ToString().ToLowerInvariant());
            passed = outcome == PushOutcome.Approved;
            failure = outcome == PushOutcome.Denied ? "The push was denied." : "The push was not answered in time.";
        }
        if (!passed)
        {
            await OidcPages.WriteAsync(context, 401, OidcPages.Duo(MfaPath, pending.Id, user.Username, failure));
            return;
        }
        pending.MfaDone = true;
        await ContinueAsync(context, pending, StartSso(context, user, mfa: true));
    }

    public async Task ConsentAsync(HttpContext context)
    {
        var (form, pending) = await ReadStepAsync(context);
        if (pending is null) return;
        if (pending.User is null || !pending.MfaDone)
        {
            await OidcPages.WriteAsync(context, 200, OidcPages.Login(LoginPath, pending.Id, "Log in first."));
            return;
        }
        _provider.State.Pending.TryRemove(pending.Id, out _);
        if (!form.TryGetValue("decision", out var decision) || decision != "allow")
        {
            RedirectError(context, pending.RedirectUri, pending.State, "access_denied");
            return;
        }
        var sso = SsoSessionOf(context) ?? new SsoSession(pending.User, _provider.Clock.UtcNow, true, OidcState.NewValue("TGT"));
        IssueCode(context, pending, sso);
    }

    private Task ContinueAsync(HttpContext context, PendingAuthorization pending, SsoSession sso)
    {
        var client = _provider.Client(pending.ClientId)!;
        if (!client.BypassApprovalPrompt)
        {
            context.SetLogOutcome("consent page");
            return OidcPages.WriteAsync(context, 200, OidcPages.Consent(ConsentPath, pending.Id, client.ClientId, pending.Scopes));
        }
        _provider.State.Pending.TryRemove(pending.Id, out _);
        IssueCode(context, pending, sso);
        return Task.CompletedTask;
    }

    private void IssueCode(HttpContext context, PendingAuthorization pending, SsoSession sso)
    {
        var code = OidcState.NewValue("OC");
        var now = _provider.Clock.UtcNow;
        _provider.State.Codes[code] = new OidcGrant(pending.User!, pending.ClientId, pending.Scopes, pending.Nonce, sso.AuthTime,
            now + TimeSpan.FromSeconds(_provider.Config.CodeLifetimeSeconds), sso.Id, pending.RedirectUri, pending.CodeChallenge, pending.CodeChallengeMethod);
        context.SetLogOutcome("code issued");
        var query = new StringBuilder("code=").Append(Uri.EscapeDataString(code));
        if (pending.State is not null) query.Append("&state=").Append(Uri.EscapeDataString(pending.State));
        context.Response.Redirect(AppendQuery(pending.RedirectUri, query.ToString()));
    }

    private static void RedirectError(HttpContext context, string redirectUri, string? state, string error)
    {
        context.SetLogOutcome(error);
        var query = "error=" + error + (state is null ? "" : "&state=" + Uri.EscapeDataString(state));
        context.Response.Redirect(AppendQuery(redirectUri, query));
    }

    private static string AppendQuery(string uri, string query) => uri + (uri.Contains('?') ? "&" : "?") + query;

    /// <summary>The form of a login step and the authorization it continues (an error page when it is unknown).</summary>
    private async Task<(Dictionary<string, string> Form, PendingAuthorization? Pending)> ReadStepAsync(HttpContext context)
    {
        var form = HttpMethods.IsPost(context.Request.Method)
            ? RequestBody.ParseForm(await RequestBody.ReadAllAsync(context.Request, context.RequestAborted))
            : new Dictionary<string, string>();
        if (form.TryGetValue("execution", out var id) && _provider.State.Pending.TryGetValue(id, out var pending)) return (form, pending);
        context.SetLogOutcome("unknown login flow");
        await OidcPages.WriteAsync(context, 400, OidcPages.Error("Login flow expired", "Start again from the application."));
        return (form, null);
    }

    private SsoSession StartSso(HttpContext context, UserConfig user, bool mfa)
    {
        var sso = new SsoSession(user.Username, _provider.Clock.UtcNow, mfa, OidcState.NewValue("TGT"));
        _provider.State.SsoSessions[sso.Id] = sso;
        context.Response.Cookies.Append(SsoCookie, sso.Id, new CookieOptions
        {
            HttpOnly = true,
            Path = _provider.Server.BasePath,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
        });
        return sso;
    }

    private SsoSession? SsoSessionOf(HttpContext context) =>
        context.Request.Cookies.TryGetValue(SsoCookie, out var id) && id is not null && _provider.State.SsoSessions.TryGetValue(id, out var sso) ? sso : null;
}
