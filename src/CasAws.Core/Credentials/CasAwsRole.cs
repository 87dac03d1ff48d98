using System;
using CasAws.Aws;

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

        /// <summary>The account's name: set with Set-CasAwsAccountAlias, or answered by IAM with -ResolveAlias; empty when none is known.</summary>
        public string? AccountAlias { get; private set; }

        /// <summary>The account as a person reads it in a list: '123456789012 (research-prod)', or the id alone.</summary>
        internal string AccountLabel => string.IsNullOrEmpty(AccountAlias) ? AccountId : AccountId + " (" + AccountAlias + ")";

        /// <summary>A copy that shows the account's alias (the session's own role objects stay as CAS listed them).</summary>
        internal CasAwsRole WithAccountAlias(string? alias) =>
            new CasAwsRole(RoleArn, Partition, AccountId, Path, RoleName) { AccountAlias = alias };

        /// <summary>
        /// Reads 'arn:partition:iam::account:role/path/name'. A value that is not such an ARN is kept
        /// whole as RoleArn and RoleName (CAS lists whatever the attribute holds).
        /// </summary>
        public static CasAwsRole FromArn(string roleArn)
        {
            if (roleArn == null) throw new ArgumentNullException(nameof(roleArn));
            return AwsArn.TryParseRole(roleArn, out string partition, out string account, out string path, out string name)
                ? new CasAwsRole(roleArn, partition, account, path, name)
                : new CasAwsRole(roleArn, string.Empty, string.Empty, "/", roleArn);
        }

        public override string ToString() => RoleArn;
    }
}
