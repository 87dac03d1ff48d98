using System;
using System.Management.Automation;

namespace CasAws.Errors
{
    /// <summary>
    /// A failure the service layer reports to a cmdlet, which turns it into an ErrorRecord with this
    /// id, category and target. The message says what to do next and never holds a secret.
    /// </summary>
    public sealed class CasAwsException : Exception
    {
        internal CasAwsException(string errorId, ErrorCategory category, object? target, string message, Exception? innerException = null)
            : base(message, innerException)
        {
            ErrorId = errorId;
            Category = category;
            Target = target;
        }

        public string ErrorId { get; }

        public ErrorCategory Category { get; }

        public object? Target { get; }

        public ErrorRecord ToErrorRecord() => new ErrorRecord(this, ErrorId, Category, Target);
    }
}
