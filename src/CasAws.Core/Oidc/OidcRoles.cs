using System.Collections.Generic;
using CasAws.Aws;
using CasAws.Credentials;

namespace CasAws.Oidc
{
    /// <summary>The role ARNs a login's claim lists (AWS never reads this claim: it only tells CasAws what to offer).</summary>
    internal static class OidcRoles
    {
        public const string DefaultClaim = "awsroles";

        /// <summary>The claim's values that are role ARNs, in order, without duplicates; values of another shape are skipped.</summary>
        public static IReadOnlyList<string> From(OidcIdentity identity, string claim)
        {
            var roles = new List<string>();
            foreach (string value in identity.ClaimValues(claim) ?? new string[0])
            {
                string trimmed = value.Trim();
                if (AwsArn.IsRoleArn(trimmed) && !roles.Contains(trimmed)) roles.Add(trimmed);
            }

            return roles;
        }
    }
}
