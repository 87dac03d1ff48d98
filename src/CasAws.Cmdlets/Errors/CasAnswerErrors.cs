using System;
using System.Collections.Generic;
using System.Management.Automation;
using CasAws.Cas;

namespace CasAws.Errors
{
    /// <summary>Turns a failed <see cref="CasAnswer"/> into an exception whose message (<see cref="CasAnswerMessages"/>) says what to do next.</summary>
    internal static class CasAnswerErrors
    {
        public static CasAwsException ToException(CasAnswer answer, CasConnectionSettings settings, string userName, string? roleArn, TimeSpan duration)
        {
            string server = settings.ServerName;
            string message = CasAnswerMessages.Message(answer, settings, userName, roleArn, duration);
            string errorId = CasAnswerMessages.ErrorId(answer.Kind);
            switch (answer.Kind)
            {
                case CasAnswerKind.AuthenticationFailed:
                    return new CasAwsException(errorId, ErrorCategory.AuthenticationError, server, message);
                case CasAnswerKind.AuthorizationFailure:
                case CasAnswerKind.NoRoles:
                    return new CasAwsException(errorId, ErrorCategory.PermissionDenied, server, message);
                case CasAnswerKind.RoleRequired:
                    return new CasAwsException(errorId, ErrorCategory.InvalidArgument, server, message);
                case CasAnswerKind.RoleNotAllowed:
                    return new CasAwsException(errorId, ErrorCategory.PermissionDenied,
                        CasAnswerMessages.IsListedButRefused(answer, roleArn) ? roleArn! : (object?)roleArn ?? server, message);
                case CasAnswerKind.EndpointUnavailable:
                    return new CasAwsException(errorId, ErrorCategory.ResourceUnavailable, server, message);
                case CasAnswerKind.ServerError:
                    return new CasAwsException(errorId, ErrorCategory.InvalidResult, (object?)roleArn ?? server, message);
                case CasAnswerKind.RequestRejected:
                case CasAnswerKind.MalformedResponse:
                    return new CasAwsException(errorId, ErrorCategory.ProtocolError, server, message);
                case CasAnswerKind.MalformedValue:
                    return new CasAwsException(errorId, ErrorCategory.InvalidData, server, message);
                case CasAnswerKind.Timeout:
                    return new CasAwsException(errorId, ErrorCategory.OperationTimeout, server, message);
                case CasAnswerKind.CertificateUntrusted:
                    return new CasAwsException(errorId, ErrorCategory.SecurityError, server, message);
                default:
                    return new CasAwsException(errorId, ErrorCategory.ConnectionError, server, message);
            }
        }

        public static CasAwsException RoleRequired(string server, IReadOnlyList<string> roles) =>
            new CasAwsException(ErrorIds.RoleArnRequired, ErrorCategory.InvalidArgument, server, CasAnswerMessages.RoleRequired(server, roles));

        public static string FormatRoles(IEnumerable<string> roles) => CasAnswerMessages.FormatRoles(roles);
    }
}
