using System.Globalization;
using System.Xml.Linq;

namespace CasAws.Emulator.Sts;

/// <summary>AWS STS's XML documents (Query protocol, version 2011-06-15).</summary>
public static class StsXml
{
    public static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";

    public static string Response(string action, string requestId, params object[] resultContent) =>
        Serialize(new XElement(Ns + (action + "Response"),
            new XElement(Ns + (action + "Result"), resultContent),
            new XElement(Ns + "ResponseMetadata", new XElement(Ns + "RequestId", requestId))));

    public static string Error(StsException error, string requestId) =>
        Serialize(new XElement(Ns + "ErrorResponse",
            new XElement(Ns + "Error",
                new XElement(Ns + "Type", error.Type),
                new XElement(Ns + "Code", error.Code),
                new XElement(Ns + "Message", error.Message)),
            new XElement(Ns + "RequestId", requestId)));

    public static XElement Credentials(IssuedCredential credential) =>
        new(Ns + "Credentials",
            new XElement(Ns + "AccessKeyId", credential.AccessKeyId),
            new XElement(Ns + "SecretAccessKey", credential.SecretAccessKey),
            new XElement(Ns + "SessionToken", credential.SessionToken),
            new XElement(Ns + "Expiration", Timestamp(credential.Expiration)));

    public static XElement AssumedRoleUser(AssumedRoleResult result) =>
        new(Ns + "AssumedRoleUser",
            new XElement(Ns + "AssumedRoleId", result.AssumedRoleId),
            new XElement(Ns + "Arn", result.AssumedRoleArn));

    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Serialize(XElement root) => root.ToString(SaveOptions.None) + "\n";
}
