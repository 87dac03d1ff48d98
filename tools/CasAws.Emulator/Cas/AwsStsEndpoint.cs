using System.Text;
using CasAws.Emulator.Config;
using CasAws.Emulator.Duo;
using CasAws.Emulator.Mfa;
using CasAws.Emulator.Hosting;
using CasAws.Emulator.Sts;
using Microsoft.AspNetCore.Http;

namespace CasAws.Emulator.Cas;

/// <summary>
/// Apereo CAS's actuator/awsSts endpoint for one CAS server: authenticate (password, then Duo),
/// authorize (attribute rule), choose the role, call STS with the server's own keys, answer the
/// INI text, or one of CAS's exact 401 texts, or Spring Boot's error JSON.
/// </summary>
public sealed class AwsStsEndpoint
{
    private readonly CasServerConfig _server;
    private readonly CasVersion _version;
    private readonly CasAuthenticator _authenticator;
    private readonly SecurityTokenService _sts;

    public AwsStsEndpoint(CasServerConfig server, IReadOnlyList<UserConfig> users, DuoService duo, OneTimeCodeFactors codes, SecurityTokenService sts)
    {
        _server = server;
        _version = CasVersionExtensions.TryParse(server.Version) ?? throw new ArgumentException("unknown CAS version", nameof(server));
        _authenticator = new CasAuthenticator(server, users, duo, codes);
        _sts = sts;
    }

    /// <summary>The request path this endpoint answers, e.g. /cas/actuator/awsSts.</summary>
    public string Path => _server.BasePath.TrimEnd('/') + "/" + _server.EndpointPath;

    /// <summary>The CAS login page path, where an SSO gateway sends clients.</summary>
    public string LoginPath => _server.BasePath.TrimEnd('/') + "/login";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (_server.EndpointAccess != "open")
        {
            await AnswerUnreachable(context);
            return;
        }
        if (HttpMethods.IsHead(request.Method) && _version.AnswersHead())
        {
            context.SetLogOutcome("probe");
            context.Response.StatusCode = 200;
            return;
        }
        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = _version.AnswersHead() ? "POST,HEAD" : "POST";
            context.SetLogOutcome("method not allowed");
            await SpringErrorBody.WriteAsync(context, 405, "Method Not Allowed");
            return;
        }
        var body = await RequestBody.ReadAllAsync(request, context.RequestAborted);
        var isForm = request.ContentType?.Split(';')[0].Trim().Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;
        if ((request.ContentType is not null && !isForm) || (request.ContentType is null && body.Length > 0))
        {
            context.SetLogOutcome("unsupported content type");
            await SpringErrorBody.WriteAsync(context, 415, "Unsupported Media Type");
            return;
        }
        // Two views of the request, as Spring MVC gives them to CAS: the @RequestBody map (username, password,
        // passcode, duration, ...), which on 6.4 also holds the query string (query values first) and on 7.x only
        // the form; and the @RequestParam fields (roleArn, token, serialNumber, profile), read from the query
        // string and the form in every version, the query string's value first.
        var form = RequestBody.ParseForm(body);
        var query = RequestBody.ParseQuery(request.QueryString.Value);
        var bodyMap = _version.ReadsQueryString() ? Merge(query, form) : form;
        var parameters = Merge(query, form);
        if (body.Length == 0 && bodyMap.Count == 0)
        {
            context.SetLogOutcome("empty body");
            await SpringErrorBody.WriteAsync(context, 400, "Bad Request");
            return;
        }
        string? Field(string name) => bodyMap.TryGetValue(name, out var value) ? value : null;
        string? Parameter(string name) => parameters.TryGetValue(name, out var value) ? value : null;

        var username = Field("username");
        context.SetLogUser(username);
        var (user, _) = await _authenticator.AuthenticateAsync(Field, context);
        if (user is null)
        {
            if (context.RequestAborted.IsCancellationRequested) return;
            await Unauthorized(context, "Authentication failed");
            return;
        }
        if (!Authorized(user))
        {
            await Unauthorized(context, "Authorization failure");
            return;
        }

        string? roleArn = null;
        if (_server.RbacEnabled)
        {
            if (!user.Attributes.TryGetValue(_server.PrincipalAttributeName, out var values) && !_version.MatchesRolesExactly())
            {
                // Role mode without a role attribute to read (possible when the rule has no attribute name):
                // 6.4-7.3 fail on the null list; the newest code answers "No roles are available...".
                context.AppendLogOutcome("no role attribute");
                await SpringErrorBody.WriteAsync(context, 500, "Internal Server Error");
                return;
            }
            var choice = RoleChooser.Choose(_version, values ?? new List<string>(), Parameter("roleArn"));
            if (choice.Refusal is not null)
            {
                await Unauthorized(context, choice.Refusal);
                return;
            }
            roleArn = choice.RoleArn;
        }

        IssuedCredential credential;
        try
        {
            credential = MintCredential(Field("duration"), roleArn, Parameter("token"), Parameter("serialNumber"), Parameter("profile"));
        }
        catch (CasServerError error)
        {
            context.AppendLogOutcome(error.Message);
            await SpringErrorBody.WriteAsync(context, 500, "Internal Server Error");
            return;
        }
        catch (StsException error)
        {
            context.AppendLogOutcome($"STS {error.Code}");
            await SpringErrorBody.WriteAsync(context, 500, "Internal Server Error");
            return;
        }
        context.AppendLogOutcome(roleArn is null ? "credentials (session token)" : $"credentials ({roleArn})");
        if (user.Hostile is not null)
        {
            context.AppendLogOutcome("hostile");
            _sts.MarkHostile(credential.AccessKeyId, user.Hostile);
        }
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain;charset=UTF-8";
        await context.Response.WriteAsync(SuccessBody(credential, user.Hostile), context.RequestAborted);
    }

    private static Dictionary<string, string> Merge(Dictionary<string, string> first, Dictionary<string, string> then)
    {
        var merged = new Dictionary<string, string>(first, StringComparer.Ordinal);
        foreach (var pair in then) merged.TryAdd(pair.Key, pair.Value);
        return merged;
    }

    /// <summary>What a client sees when the endpoint is not enabled, not exposed, guarded, or behind an SSO gateway.</summary>
    private Task AnswerUnreachable(HttpContext context)
    {
        context.SetLogOutcome("endpoint " + _server.EndpointAccess);
        switch (_server.EndpointAccess)
        {
            case "notFound":
                return SpringErrorBody.WriteAsync(context, 404, "Not Found");
            case "forbidden":
                return SpringErrorBody.WriteAsync(context, 403, "Forbidden");
            case "unauthorized":
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"CAS\"";
                return SpringErrorBody.WriteAsync(context, 401, "Unauthorized");
            default:
                var request = context.Request;
                var service = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";
                context.Response.Redirect($"{LoginPath}?service={Uri.EscapeDataString(service)}");
                return Task.CompletedTask;
        }
    }

    /// <summary>A CAS login form (HTML), as a browser or an intercepted client would get it.</summary>
    public static Task WriteLoginPageAsync(HttpContext context)
    {
        context.SetLogOutcome("login page");
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/html;charset=UTF-8";
        return context.Response.WriteAsync(
            "<!DOCTYPE html><html lang=\"en\"><head><title>CAS - Central Authentication Service Log In</title></head><body>" +
            "<main><h2>Enter Username &amp; Password</h2><form method=\"post\" id=\"fm1\">" +
            "<input id=\"username\" name=\"username\" type=\"text\"/><input id=\"password\" name=\"password\" type=\"password\"/>" +
            "<input type=\"hidden\" name=\"execution\" value=\"e1s1\"/><input type=\"hidden\" name=\"_eventId\" value=\"submit\"/>" +
            "<button name=\"submit\" type=\"submit\">LOGIN</button></form></main></body></html>",
            context.RequestAborted);
    }

    /// <summary>The attribute rule: no name, no rule; a name needs the attribute; a value regex needs one value it finds.</summary>
    private bool Authorized(UserConfig user)
    {
        if (string.IsNullOrWhiteSpace(_server.PrincipalAttributeName)) return true;
        if (!user.Attributes.TryGetValue(_server.PrincipalAttributeName, out var values)) return false;
        return string.IsNullOrWhiteSpace(_server.PrincipalAttributeValue) || values.Any(value => CasRegex.Find(_server.PrincipalAttributeValue, value));
    }

    /// <summary>GetSessionToken or AssumeRole, signed (as CAS does) with the server's own IAM keys.</summary>
    private IssuedCredential MintCredential(string? durationField, string? roleArn, string? tokenCode, string? serialNumber, string? profile)
    {
        var durationText = string.IsNullOrWhiteSpace(durationField) ? _version.DefaultDuration() : durationField.Trim();
        var seconds = CasDuration.ToSeconds(durationText) ?? throw new CasServerError("malformed duration");
        if (seconds is > int.MaxValue or < int.MinValue) throw new CasServerError("duration out of range");
        var accessKey = string.IsNullOrWhiteSpace(profile)
            ? _server.CredentialAccessKey
            : _server.Profiles.TryGetValue(profile, out var key) ? key : throw new CasServerError($"no AWS profile '{profile}'");
        if (accessKey is null) throw new CasServerError("no AWS credentials configured");
        var caster = _sts.PrincipalOfAccessKey(accessKey);
        var token = string.IsNullOrWhiteSpace(tokenCode) ? null : tokenCode;
        var serial = string.IsNullOrWhiteSpace(serialNumber) ? null : serialNumber;
        if (!_server.RbacEnabled) return _sts.GetSessionToken(caster, (int)seconds, serial, token);
        if (roleArn is null) throw new CasServerError("no role");
        return _sts.AssumeRole(caster, roleArn, Guid.NewGuid().ToString(), (int)seconds, null, serial, token).Credential;
    }

    private string SuccessBody(IssuedCredential credential, HostileConfig? hostile)
    {
        var newline = _server.LineEnding.Equals("CRLF", StringComparison.OrdinalIgnoreCase) ? "\r\n" : "\n";
        var region = string.IsNullOrWhiteSpace(_server.Region) ? "aws-global" : _server.Region;
        return new StringBuilder()
            .Append("[default]\n")
            .Append("aws_access_key_id=").Append(hostile?.AccessKeyId ?? credential.AccessKeyId).Append(newline)
            .Append("aws_secret_access_key=").Append(hostile?.SecretAccessKey ?? credential.SecretAccessKey).Append(newline)
            .Append("aws_session_token=").Append(hostile?.SessionToken ?? credential.SessionToken).Append(newline)
            .Append("region=").Append(hostile?.Region ?? region).Append(newline)
            .ToString();
    }

    private static Task Unauthorized(HttpContext context, string text)
    {
        context.AppendLogOutcome(text);
        context.Response.StatusCode = 401;
        context.Response.ContentType = "text/plain;charset=UTF-8";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }

    /// <summary>Something CAS does not catch (a malformed duration, a missing profile): Spring answers 500.</summary>
    private sealed class CasServerError : Exception
    {
        public CasServerError(string message) : base(message)
        {
        }
    }
}
