using CasAws.Validation;

namespace CasAws.Errors
{
    /// <summary>The <see cref="ErrorIds.ServerValueMalformed"/> error for answers the cmdlets check themselves (STS).</summary>
    internal static class ServerValueErrors
    {
        /// <summary>Throws when any of the three keys an STS call returned is out of AWS's shape.</summary>
        public static void RequireKeys(string source, string? accessKeyId, string? secretAccessKey, string? sessionToken) =>
            Require(source,
                ("AccessKeyId", ServerValueKind.AccessKeyId, accessKeyId),
                ("SecretAccessKey", ServerValueKind.SecretAccessKey, secretAccessKey),
                ("SessionToken", ServerValueKind.SessionToken, sessionToken));

        /// <summary>The first of the three keys out of shape, as "Field problem" (never the value), or null.</summary>
        public static string? KeysProblem(string? accessKeyId, string? secretAccessKey, string? sessionToken) =>
            Named("AccessKeyId", ServerValues.Problem(ServerValueKind.AccessKeyId, accessKeyId))
            ?? Named("SecretAccessKey", ServerValues.Problem(ServerValueKind.SecretAccessKey, secretAccessKey))
            ?? Named("SessionToken", ServerValues.Problem(ServerValueKind.SessionToken, sessionToken));

        private static string? Named(string field, string? problem) => problem == null ? null : field + " " + problem;

        /// <summary>Throws for the first field out of shape.</summary>
        /// <param name="source">Who answered, e.g. "STS at sts.amazonaws.com".</param>
        public static void Require(string source, params (string Field, ServerValueKind Kind, string? Value)[] fields)
        {
            foreach ((string field, ServerValueKind kind, string? value) in fields)
            {
                string? problem = ServerValues.Problem(kind, value);
                if (problem != null)
                {
                    throw new CasAwsException(ErrorIds.ServerValueMalformed, CasAwsErrorKind.InvalidData, source,
                        source + " answered with a value that cannot be trusted: " + field + " " + problem + ". Nothing was kept, cached or written. This is a fault (or tampering) on the server or on the way to it.");
                }
            }
        }
    }
}
