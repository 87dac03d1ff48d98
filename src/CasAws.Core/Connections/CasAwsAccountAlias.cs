namespace CasAws.Connections
{
    /// <summary>One account's name on a saved connection, as Get-CasAwsAccountAlias and Set-CasAwsAccountAlias output it.</summary>
    public sealed class CasAwsAccountAlias
    {
        internal CasAwsAccountAlias(string connection, string accountId, string alias)
        {
            Connection = connection;
            AccountId = accountId;
            Alias = alias;
        }

        /// <summary>The saved connection's name; binds to -Connection by property name.</summary>
        public string Connection { get; }

        public string AccountId { get; }

        public string Alias { get; }

        public override string ToString() => AccountId + " = " + Alias;
    }
}
