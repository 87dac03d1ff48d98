using System;

namespace CasAws.Aws
{
    /// <summary>
    /// A failed STS call, translated by CasAws.Sts from the AWS SDK's exceptions so that no SDK type
    /// crosses into the cmdlets. The message is STS's own text (or the network failure's); it never holds keys.
    /// </summary>
    internal sealed class StsCallException : Exception
    {
        public StsCallException(StsFailureKind kind, string? awsErrorCode, string message, int? httpStatus, string? requestId)
            : base(message)
        {
            Kind = kind;
            AwsErrorCode = awsErrorCode;
            HttpStatus = httpStatus;
            RequestId = requestId;
        }

        public StsFailureKind Kind { get; }

        /// <summary>STS's error code, e.g. AccessDenied; null for network failures.</summary>
        public string? AwsErrorCode { get; }

        public int? HttpStatus { get; }

        public string? RequestId { get; }
    }
}
