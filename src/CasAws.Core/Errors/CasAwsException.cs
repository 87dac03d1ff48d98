using System;

namespace CasAws.Errors
{
    /// <summary>
    /// A failure a Core service reports to its caller: a cmdlet turns it into an ErrorRecord with this
    /// id, kind and target, the helper into its one-line message. The message says what to do next and
    /// never holds a secret.
    /// </summary>
    public sealed class CasAwsException : Exception
    {
        internal CasAwsException(string errorId, CasAwsErrorKind kind, object? target, string message, Exception? innerException = null)
            : base(message, innerException)
        {
            ErrorId = errorId;
            Kind = kind;
            Target = target;
        }

        public string ErrorId { get; }

        public CasAwsErrorKind Kind { get; }

        public object? Target { get; }
    }
}
