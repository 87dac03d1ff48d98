namespace CasAws.Aws
{
    /// <summary>The STS failures a user can act on differently.</summary>
    internal enum StsFailureKind
    {
        /// <summary>Any other error STS returned.</summary>
        Other,
        AccessDenied,
        /// <summary>The keys expired, or are not valid at all (InvalidClientTokenId, SignatureDoesNotMatch).</summary>
        ExpiredToken,
        InvalidToken,
        ValidationError,
        RegionDisabled,
        /// <summary>No answer: refused connection, unknown host, TLS failure.</summary>
        Network,
        Timeout,
    }
}
