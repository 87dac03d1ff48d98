using CasAws.Tests.Cas;

namespace CasAws.Tests.Sts;

/// <summary>
/// Fixed STS Query-protocol answers for the cases the emulator does not give (RegionDisabledException,
/// throttling, a 5xx), served by the shared <see cref="CannedHttpServer"/>. It binds port 0 itself, so
/// tests running in parallel cannot race for a port.
/// </summary>
internal static class CannedStsServer
{
    public static CannedHttpServer Answering(int status, string body, string contentType = "text/xml") =>
        new(status, contentType, body);

    public static string Error(string type, string code, string message) =>
        $"<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>{type}</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>4d9c2e8a-1111-2222-3333-444455556666</RequestId></ErrorResponse>";
}
