using System.Xml.Linq;
using CasAws.Emulator.Hosting;
using Microsoft.AspNetCore.Http;

namespace CasAws.Emulator.Sts;

/// <summary>
/// STS over HTTP: AWS's Query protocol (form or query string with Action and Version), SigV4-signed
/// requests, XML answers and ErrorResponse errors. The AWS CLI (--endpoint-url) and the .NET SDK
/// (ServiceURL) POST to the endpoint URL's path.
/// </summary>
public sealed class StsEndpoint
{
    private readonly SecurityTokenService _sts;

    public StsEndpoint(SecurityTokenService sts) => _sts = sts;

    public async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        try
        {
            var (body, parameters) = await RequestBody.ReadQueryProtocolAsync(context.Request, context.RequestAborted);
            string? Get(string name) => parameters.TryGetValue(name, out var value) ? value : null;
            var action = Get("Action");
            context.SetLogAction($"sts:{action}");
            if (context.Request.Method is not ("POST" or "GET")) throw StsException.InvalidAction(action);

            var xml = action switch
            {
                "AssumeRoleWithSAML" => AssumeRoleWithSaml(Get, requestId),
                "AssumeRoleWithWebIdentity" => AssumeRoleWithWebIdentity(context, Get, requestId),
                "GetCallerIdentity" or "GetSessionToken" or "AssumeRole" => Signed(context, body, action, Get, requestId),
                _ => throw StsException.InvalidAction(action),
            };
            context.SetLogOutcome("ok");
            await Write(context, 200, xml);
        }
        catch (StsException error)
        {
            context.SetLogOutcome(error.Code);
            await Write(context, error.HttpStatus, StsXml.Error(error, requestId));
        }
    }

    private string Signed(HttpContext context, byte[] body, string action, Func<string, string?> get, string requestId)
    {
        var (caller, accessKeyId) = SigV4Verifier.Authenticate(context.Request, body, _sts);
        context.SetLogUser(caller.Arn);
        var hostile = _sts.HostilityOf(accessKeyId);
        switch (action)
        {
            case "GetCallerIdentity":
                return StsXml.Response(action, requestId,
                    new XElement(StsXml.Ns + "Arn", hostile?.CallerArn ?? caller.Arn),
                    new XElement(StsXml.Ns + "UserId", hostile?.CallerUserId ?? caller.UserId),
                    new XElement(StsXml.Ns + "Account", hostile?.CallerAccount ?? caller.Account));
            case "GetSessionToken":
                var session = _sts.GetSessionToken(caller, SecurityTokenService.ParseDuration(get("DurationSeconds")), get("SerialNumber"), get("TokenCode"));
                return StsXml.Response(action, requestId, StsXml.Credentials(session));
            default:
                var packedPolicySize = SessionPolicy.Check(get("Policy"));
                var role = _sts.AssumeRole(caller, get("RoleArn"), get("RoleSessionName"), SecurityTokenService.ParseDuration(get("DurationSeconds")),
                    get("ExternalId"), get("SerialNumber"), get("TokenCode"));
                var answered = hostile is null ? role.Credential : role.Credential with
                {
                    AccessKeyId = hostile.AssumedAccessKeyId ?? role.Credential.AccessKeyId,
                    SecretAccessKey = hostile.AssumedSecretAccessKey ?? role.Credential.SecretAccessKey,
                    SessionToken = hostile.AssumedSessionToken ?? role.Credential.SessionToken,
                };
                return StsXml.Response(action, requestId, StsXml.Credentials(answered), StsXml.AssumedRoleUser(role),
                    packedPolicySize is null ? null! : new XElement(StsXml.Ns + "PackedPolicySize", packedPolicySize));
        }
    }

    private string AssumeRoleWithSaml(Func<string, string?> get, string requestId)
    {
        var principalArn = get("PrincipalArn");
        var (result, assertion) = _sts.AssumeRoleWithSaml(get("RoleArn"), principalArn, get("SAMLAssertion"), SecurityTokenService.ParseDuration(get("DurationSeconds")));
        var nameQualifier = Convert.ToBase64String(System.Security.Cryptography.SHA1.HashData(
            System.Text.Encoding.UTF8.GetBytes(assertion.Issuer + _sts.AccountId + "/" + principalArn!.Split('/').Last())));
        return StsXml.Response("AssumeRoleWithSAML", requestId,
            StsXml.Credentials(result.Credential),
            StsXml.AssumedRoleUser(result),
            new XElement(StsXml.Ns + "Audience", "https://signin.aws.amazon.com/saml"),
            new XElement(StsXml.Ns + "Issuer", assertion.Issuer),
            new XElement(StsXml.Ns + "Subject", assertion.Subject),
            new XElement(StsXml.Ns + "SubjectType", assertion.SubjectType),
            new XElement(StsXml.Ns + "NameQualifier", nameQualifier));
    }

    private string AssumeRoleWithWebIdentity(HttpContext context, Func<string, string?> get, string requestId)
    {
        var (result, identity) = _sts.AssumeRoleWithWebIdentity(get("RoleArn"), get("RoleSessionName"), get("WebIdentityToken"),
            SecurityTokenService.ParseDuration(get("DurationSeconds")));
        context.SetLogUser(identity.Subject);
        return StsXml.Response("AssumeRoleWithWebIdentity", requestId,
            StsXml.Credentials(result.Credential),
            new XElement(StsXml.Ns + "SubjectFromWebIdentityToken", identity.Subject),
            StsXml.AssumedRoleUser(result),
            new XElement(StsXml.Ns + "Provider", identity.Issuer[(identity.Issuer.IndexOf("://", StringComparison.Ordinal) + 3)..]),
            new XElement(StsXml.Ns + "Audience", identity.Audience));
    }

    private static Task Write(HttpContext context, int status, string xml)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml";
        return context.Response.WriteAsync(xml, context.RequestAborted);
    }
}
