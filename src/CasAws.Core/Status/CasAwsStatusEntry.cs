using System;

namespace CasAws.Status
{
    /// <summary>One line of Get-CasAwsStatus: the session, a role's credentials in memory, a registered profile's cached keys, or a running endpoint.</summary>
    public sealed class CasAwsStatusEntry
    {
        internal CasAwsStatusEntry(string kind, string name)
        {
            Kind = kind;
            Name = name;
        }

        /// <summary>Session, Credential, Profile or Endpoint.</summary>
        public string Kind { get; }

        public string Name { get; }

        public string? Role { get; internal set; }

        public string? AccountId { get; internal set; }

        /// <summary>The account's name from the saved connections' alias map (Set-CasAwsAccountAlias) or IAM's answer in this process; null when none is known.</summary>
        public string? AccountAlias { get; internal set; }

        /// <summary>When the keys (or, for an OpenID Connect session, the browser login) expire, in UTC; null when not known.</summary>
        public DateTime? Expiration { get; internal set; }

        /// <summary>Whole minutes left (0 once expired); null when there is no expiry.</summary>
        public int? MinutesLeft { get; internal set; }

        /// <summary>How the keys get renewed, and what it costs.</summary>
        public string Renews { get; internal set; } = string.Empty;

        /// <summary>For the session: the CAS logins (Duo pushes) it has made.</summary>
        public int? CasLogins { get; internal set; }

        public override string ToString() => Kind + " " + Name;
    }
}
