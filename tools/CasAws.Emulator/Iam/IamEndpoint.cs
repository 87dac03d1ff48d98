using System.Xml.Linq;
using CasAws.Emulator.Config;
using CasAws.Emulator.Hosting;
using CasAws.Emulator.Sts;
using Microsoft.AspNetCore.Http;

namespace CasAws.Emulator.Iam;

/// <summary>
/// A double of AWS IAM for the one call CasAws makes: ListAccountAliases (Query protocol, version
/// 2010-05-08, SigV4 for the 'iam' service), answered with the account's alias as IAM's XML when
/// the caller's role allows iam:ListAccountAliases, and IAM's AccessDenied ErrorResponse otherwise.
/// Clients reach it with an endpoint override: the AWS CLI's --endpoint-url, the SDK's ServiceURL.
/// </summary>
public sealed class IamEndpoint
{
    public const string Path = "/iam";
    private const string ListAccountAliases = "ListAccountAliases";
    private static readonly XNamespace Ns = "https://iam.amazonaws.com/doc/2010-05-08/";
    private readonly SecurityTokenService _sts;
    private readonly StsConfig _config;

    public IamEndpoint(SecurityTokenService sts, StsConfig config)
    {
        _sts = sts;
        _config = config;
    }

    public bool Handles(string path) => path == Path || path == Path + "/";

    public async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        try
        {
            var (body, parameters) = await RequestBody.ReadQueryProtocolAsync(context.Request, context.RequestAborted);
            parameters.TryGetValue("Action", out var action);
            context.SetLogAction($"iam:{action}");
            if (action != ListAccountAliases || context.Request.Method is not ("POST" or "GET"))
                throw new StsException(400, "InvalidAction", $"Could not find operation {action} for version 2010-05-08");

            var (caller, _) = SigV4Verifier.Authenticate(context.Request, body, _sts, service: "iam");
            context.SetLogUser(caller.Arn);
            if (!Allows(caller, "iam:" + ListAccountAliases))
                throw StsException.AccessDenied($"User: {caller.Arn} is not authorized to perform: iam:{ListAccountAliases} on resource: * because no identity-based policy allows the iam:{ListAccountAliases} action");

            context.SetLogOutcome("ok");
            await Write(context, 200, Serialize(new XElement(Ns + "ListAccountAliasesResponse",
                new XElement(Ns + "ListAccountAliasesResult",
                    new XElement(Ns + "IsTruncated", "false"),
                    new XElement(Ns + "AccountAliases", _config.AccountAlias is null ? null : new XElement(Ns + "member", _config.AccountAlias))),
                new XElement(Ns + "ResponseMetadata", new XElement(Ns + "RequestId", requestId)))));
        }
        catch (StsException error)
        {
            context.SetLogOutcome(error.Code);
            await Write(context, error.HttpStatus, Serialize(new XElement(Ns + "ErrorResponse",
                new XElement(Ns + "Error",
                    new XElement(Ns + "Type", error.Type),
                    new XElement(Ns + "Code", error.Code),
                    new XElement(Ns + "Message", error.Message)),
                new XElement(Ns + "RequestId", requestId))));
        }
    }

    /// <summary>Only a role's permissions policy grants IAM actions here; an IAM user or session-token keys have none.</summary>
    private bool Allows(StsPrincipal caller, string action) =>
        caller.Kind == PrincipalKind.AssumedRole &&
        _config.Roles.Any(role => role.Arn == caller.SourceArn && role.IamActions.Contains(action, StringComparer.OrdinalIgnoreCase));

    private static string Serialize(XElement root) => root.ToString(SaveOptions.None) + "\n";

    private static Task Write(HttpContext context, int status, string xml)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml";
        return context.Response.WriteAsync(xml, context.RequestAborted);
    }
}
