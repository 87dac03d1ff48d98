using System;

namespace CasAws.Aws
{
    /// <summary>The federation endpoint did not hand out a sign-in token. Never carries keys or tokens.</summary>
    internal sealed class FederationException : Exception
    {
        public FederationException(FederationFailure failure, string message, int? httpStatus)
            : base(message)
        {
            Failure = failure;
            HttpStatus = httpStatus;
        }

        public FederationFailure Failure { get; }

        public int? HttpStatus { get; }
    }

    internal enum FederationFailure
    {
        /// <summary>The endpoint answered with an error status: it does not accept these credentials.</summary>
        Refused,
        /// <summary>A 200 answer without a SigninToken (not a federation endpoint, or a changed protocol).</summary>
        UnexpectedAnswer,
        /// <summary>A SigninToken outside its shape (control characters, spaces, oversized).</summary>
        MalformedValue,
        Network,
        Timeout,
    }
}
