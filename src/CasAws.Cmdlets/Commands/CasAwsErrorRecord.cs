using System.Management.Automation;
using CasAws.Errors;

namespace CasAws.Commands
{
    /// <summary>The one table from Core's error kinds to PowerShell's error categories.</summary>
    internal static class CasAwsErrorRecord
    {
        public static ErrorRecord ToErrorRecord(this CasAwsException exception) =>
            new ErrorRecord(exception, exception.ErrorId, ToCategory(exception.Kind), exception.Target);

        public static ErrorCategory ToCategory(CasAwsErrorKind kind) => kind switch
        {
            CasAwsErrorKind.AuthenticationError => ErrorCategory.AuthenticationError,
            CasAwsErrorKind.ConnectionError => ErrorCategory.ConnectionError,
            CasAwsErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
            CasAwsErrorKind.InvalidData => ErrorCategory.InvalidData,
            CasAwsErrorKind.InvalidOperation => ErrorCategory.InvalidOperation,
            CasAwsErrorKind.InvalidResult => ErrorCategory.InvalidResult,
            CasAwsErrorKind.NotInstalled => ErrorCategory.NotInstalled,
            CasAwsErrorKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
            CasAwsErrorKind.OperationStopped => ErrorCategory.OperationStopped,
            CasAwsErrorKind.OperationTimeout => ErrorCategory.OperationTimeout,
            CasAwsErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
            CasAwsErrorKind.ProtocolError => ErrorCategory.ProtocolError,
            CasAwsErrorKind.ReadError => ErrorCategory.ReadError,
            CasAwsErrorKind.ResourceExists => ErrorCategory.ResourceExists,
            CasAwsErrorKind.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
            CasAwsErrorKind.SecurityError => ErrorCategory.SecurityError,
            CasAwsErrorKind.WriteError => ErrorCategory.WriteError,
            _ => ErrorCategory.NotSpecified,
        };
    }
}
