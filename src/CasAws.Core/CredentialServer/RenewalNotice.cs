namespace CasAws.CredentialServer
{
    /// <summary>Something a renewal tells the person who owns the endpoint: a push coming, a renewal that needs them, a failure.</summary>
    internal sealed class RenewalNotice
    {
        public RenewalNotice(string message, string? errorId = null)
        {
            Message = message;
            ErrorId = errorId;
        }

        public string Message { get; }

        /// <summary>Set when the notice is a problem scripts may match on (an id from ErrorIds).</summary>
        public string? ErrorId { get; }
    }
}
