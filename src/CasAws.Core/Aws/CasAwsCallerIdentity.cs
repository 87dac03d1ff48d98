namespace CasAws.Aws
{
    /// <summary>Who a set of AWS keys is, as STS GetCallerIdentity answers.</summary>
    public sealed class CasAwsCallerIdentity
    {
        public CasAwsCallerIdentity(string account, string arn, string userId)
        {
            Account = account;
            Arn = arn;
            UserId = userId;
        }

        /// <summary>The 12-digit account the keys belong to.</summary>
        public string Account { get; }

        /// <summary>The caller: arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION for role keys, arn:aws:iam::ACCOUNT:user/NAME for session tokens.</summary>
        public string Arn { get; }

        public string UserId { get; }

        /// <summary>True when the keys come from AssumeRole (what the console sign-in needs).</summary>
        internal bool IsAssumedRole => Arn.IndexOf(":assumed-role/", System.StringComparison.Ordinal) >= 0;

        public override string ToString() => Arn;
    }
}
