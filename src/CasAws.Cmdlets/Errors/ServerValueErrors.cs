using System.Management.Automation;
using CasAws.Validation;

namespace CasAws.Errors
{
    /// <summary>The <see cref="ErrorIds.ServerValueMalformed"/> error for answers the cmdlets check themselves (STS).</summary>
    internal static class ServerValueErrors
    {
        /// <summary>Throws for the first field out of shape.</summary>
        /// <param name="source">Who answered, e.g. "STS at sts.amazonaws.com".</param>
        public static void Require(string source, params (string Field, ServerValueKind Kind, string? Value)[] fields)
        {
            foreach ((string field, ServerValueKind kind, string? value) in fields)
            {
                string? problem = ServerValues.Problem(kind, value);
                if (problem != null)
                {
                    throw new CasAwsException(ErrorIds.ServerValueMalformed, ErrorCategory.InvalidData, source,
                        source + " answered with a value that cannot be trusted: " + field + " " + problem + ". Nothing was kept, cached or written. This is a fault (or tampering) on the server or on the way to it.");
                }
            }
        }
    }
}
