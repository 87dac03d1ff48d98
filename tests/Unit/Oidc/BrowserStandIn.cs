using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CasAws.Emulator.Oidc;

namespace CasAws.Tests.Oidc;

/// <summary>
/// Stands in for a browser on the emulator's OIDC pages: follows the authorization URL, fills the login
/// and Duo forms, keeps the SSO cookie, and stops at the redirect to the client (which it returns).
/// </summary>
internal sealed class BrowserStandIn : IDisposable
{
    private readonly HttpClient _http;

    public BrowserStandIn()
    {
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        { Timeout = TimeSpan.FromSeconds(60) };
    }

    public string? LastPage { get; private set; }
    public HttpStatusCode LastStatus { get; private set; }

    /// <summary>GETs the URL; returns the Location of a redirect, or null with the page in <see cref="LastPage"/>.</summary>
    public async Task<Uri?> OpenAsync(string url) => await Read(await _http.GetAsync(url));

    /// <summary>Submits the form with the given id on the last page, with these fields added.</summary>
    public async Task<Uri?> SubmitAsync(string formId, params (string Name, string Value)[] fields)
    {
        var form = Regex.Match(LastPage ?? "", $"<form[^>]*id=\"{formId}\"[^>]*action=\"([^\"]+)\"[^>]*>(.*?)</form>", RegexOptions.Singleline);
        if (!form.Success) throw new InvalidOperationException($"No form '{formId}' on the page: {LastPage}");
        var values = Regex.Matches(form.Groups[2].Value, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"/>")
            .Select(m => new KeyValuePair<string, string>(m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value)))
            .Concat(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        var action = new Uri(_lastUri!, WebUtility.HtmlDecode(form.Groups[1].Value));
        return await Read(await _http.PostAsync(action, new FormUrlEncodedContent(values)));
    }

    public Task<Uri?> LoginAsync(string user, string password) => SubmitAsync("fm1", ("username", user), ("password", password));

    private Uri? _lastUri;

    private async Task<Uri?> Read(HttpResponseMessage response)
    {
        using (response)
        {
            _lastUri = response.RequestMessage!.RequestUri;
            LastStatus = response.StatusCode;
            LastPage = await response.Content.ReadAsStringAsync();
            return (int)response.StatusCode is >= 300 and < 400 ? new Uri(_lastUri!, response.Headers.Location!) : null;
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A client's side of the code flow: the request it makes and the values it must keep.</summary>
internal sealed class CodeFlowClient
{
    public const string Redirect = "http://127.0.0.1:49152/callback";

    public CodeFlowClient(string issuer, string clientId = "casaws")
    {
        Issuer = issuer;
        ClientId = clientId;
    }

    public string Issuer { get; }
    public string ClientId { get; }
    public string Verifier { get; } = Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
    public string State { get; } = Guid.NewGuid().ToString("N");
    public string Nonce { get; } = Guid.NewGuid().ToString("N");

    public string AuthorizeUrl(string redirectUri = Redirect, string scope = "openid profile awsroles", string? method = "S256", string? challenge = null)
    {
        challenge ??= method == "S256" ? Base64Url.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(Verifier))) : Verifier;
        var query = $"response_type=code&client_id={ClientId}&redirect_uri={Uri.EscapeDataString(redirectUri)}&scope={Uri.EscapeDataString(scope)}&state={State}&nonce={Nonce}";
        if (method is not null) query += $"&code_challenge={challenge}&code_challenge_method={method}";
        else query += $"&code_challenge={challenge}";
        return Issuer + "/oidcAuthorize?" + query;
    }

    public static string? Param(Uri redirect, string name) =>
        redirect.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Where(p => p[0] == name).Select(p => Uri.UnescapeDataString(p[1])).FirstOrDefault();

    public async Task<(HttpStatusCode Status, JsonElement Body)> RedeemAsync(HttpClient http, string code, string? verifier = null, string redirectUri = Redirect)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["client_id"] = ClientId,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = verifier ?? Verifier,
        };
        using var response = await http.PostAsync(Issuer + "/oidcAccessToken", new FormUrlEncodedContent(form));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    public static JsonElement Claims(string jwt) =>
        JsonDocument.Parse(Base64Url.TryDecode(jwt.Split('.')[1])!).RootElement.Clone();
}
