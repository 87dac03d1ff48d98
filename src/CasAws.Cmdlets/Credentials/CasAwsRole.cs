using System;

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

        /// <summary>
        /// Reads 'arn:partition:iam::account:role/path/name'. A value that is not such an ARN is kept
        /// whole as RoleArn and RoleName (CAS lists whatever the attribute holds).
        /// </summary>
        public static CasAwsRole FromArn(string roleArn)
        {
            if (roleArn == null) throw new ArgumentNullException(nameof(roleArn));
            string[] parts = roleArn.Split(new[] { ':' }, 6);
            const string RolePrefix = "role/";
            if (parts.Length == 6 && parts[0] == "arn" && parts[2] == "iam" && parts[5].StartsWith(RolePrefix, StringComparison.Ordinal))
            {
                string resource = parts[5].Substring(RolePrefix.Length);
                int lastSlash = resource.LastIndexOf('/');
                string path = lastSlash < 0 ? "/" : "/" + resource.Substring(0, lastSlash + 1);
                string name = lastSlash < 0 ? resource : resource.Substring(lastSlash + 1);
                if (name.Length > 0) return new CasAwsRole(roleArn, parts[1], parts[4], path, name);
            }

            return new CasAwsRole(roleArn, string.Empty, string.Empty, "/", roleArn);
        }

        /// <summary>True when the text has the shape of an IAM role ARN (as opposed to a name or pattern).</summary>
        public static bool LooksLikeArn(string text) => text.StartsWith("arn:", StringComparison.OrdinalIgnoreCase);

        public override string ToString() => RoleArn;
    }
}
