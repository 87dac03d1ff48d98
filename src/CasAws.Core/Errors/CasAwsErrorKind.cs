namespace CasAws.Errors
{
    /// <summary>
    /// What kind of failure a <see cref="CasAwsException"/> is, without PowerShell: the cmdlets map each
    /// kind to an ErrorCategory in one table (CasAws.Commands.ErrorRecordFactory), the helper to its exit text.
    /// </summary>
    public enum CasAwsErrorKind
    {
        NotSpecified,
        AuthenticationError,
        ConnectionError,
        InvalidArgument,
        InvalidData,
        InvalidOperation,
        InvalidResult,
        NotInstalled,
        ObjectNotFound,
        OperationStopped,
        OperationTimeout,
        PermissionDenied,
        ProtocolError,
        ReadError,
        ResourceExists,
        ResourceUnavailable,
        SecurityError,
        WriteError,
    }
}
