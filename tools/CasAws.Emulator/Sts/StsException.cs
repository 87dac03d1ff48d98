namespace CasAws.Emulator.Sts;

/// <summary>An STS error as AWS reports it: an ErrorResponse with a code, a message and an HTTP status.</summary>
public sealed class StsException : Exception
{
    public StsException(int httpStatus, string code, string message, string type = "Sender")
        : base(message)
    {
        HttpStatus = httpStatus;
        Code = code;
        Type = type;
    }

    public int HttpStatus { get; }
    public string Code { get; }
    public string Type { get; }

    public static StsException Validation(string message) => new(400, "ValidationError", message);

    public static StsException AccessDenied(string message) => new(403, "AccessDenied", message);

    public static StsException InvalidClientTokenId() =>
        new(403, "InvalidClientTokenId", "The security token included in the request is invalid.");

    public static StsException ExpiredToken() =>
        new(403, "ExpiredToken", "The security token included in the request is expired");

    public static StsException MissingAuthenticationToken() =>
        new(403, "MissingAuthenticationToken", "Request is missing Authentication Token");

    public static StsException SignatureDoesNotMatch(string? detail = null) =>
        new(403, "SignatureDoesNotMatch", detail ??
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");

    public static StsException IncompleteSignature(string message) => new(400, "IncompleteSignature", message);

    public static StsException InvalidAction(string? action) =>
        new(400, "InvalidAction", $"Could not find operation {action} for version 2011-06-15");

    public static StsException NotAuthorizedToAssume(string callerArn, string roleArn) =>
        AccessDenied($"User: {callerArn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}");
}
