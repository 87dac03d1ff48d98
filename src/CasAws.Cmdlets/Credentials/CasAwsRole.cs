namespace CasAws.Credentials
{
    /// <summary>An IAM role the CAS server offers the user, parsed from its ARN.</summary>
    public sealed class CasAwsRole
    {
        public CasAwsRole(string roleArn, string partition, string accountId, string path, string roleName)
        {
            RoleArn = roleArn;
            Partition = partition;
            AccountId = accountId;
            Path = path;
            RoleName = roleName;
        }

        /// <summary>The exact ARN, as the server listed it; binds to -RoleArn by property name.</summary>
        public string RoleArn { get; }

        public string Partition { get; }

        public string AccountId { get; }

        /// <summary>The role path, '/' when the ARN has none.</summary>
        public string Path { get; }

        public string RoleName { get; }

        public override string ToString() => RoleArn;
    }
}
