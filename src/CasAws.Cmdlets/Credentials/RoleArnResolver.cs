using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CasAws.Aws;
using CasAws.Errors;

namespace CasAws.Credentials
{
    /// <summary>
    /// Turns what a user typed for -RoleArn into the exact ARN to send: an ARN is taken as is; a role
    /// name or wildcard pattern must match exactly one known role (by name or ARN). CAS may treat the
    /// value as a regular expression, so only exact ARNs ever leave this class.
    /// </summary>
    internal static class RoleArnResolver
    {
        /// <param name="roles">The roles the session knows, or null when no list is known.</param>
        public static string Resolve(string input, IReadOnlyList<CasAwsRole>? roles, string server)
        {
            string text = input.Trim();
            if (AwsArn.LooksLikeArn(text) && !WildcardPattern.ContainsWildcardCharacters(text)) return text;
            if (roles == null || roles.Count == 0)
            {
                throw new CasAwsException(ErrorIds.RoleListUnknown, CasAwsErrorKind.InvalidArgument, input,
                    $"'{input}' is not a full role ARN, and no role list from {server} is known to match it against. Pass the full ARN (arn:aws:iam::<account>:role/<name>), or run Connect-CasAws (or Get-CasAwsRole -Refresh) first so the roles are known.");
            }

            IReadOnlyList<CasAwsRole> matches = Match(text, roles);
            if (matches.Count == 1) return matches[0].RoleArn;
            if (matches.Count == 0)
            {
                throw new CasAwsException(ErrorIds.RoleArnNotFound, CasAwsErrorKind.ObjectNotFound, input,
                    $"No known role matches '{input}'. Pass one of these with -RoleArn:{Environment.NewLine}{CasAnswerErrors.FormatRoles(roles.Select(r => r.RoleArn))}");
            }

            throw new CasAwsException(ErrorIds.RoleArnAmbiguous, CasAwsErrorKind.InvalidArgument, input,
                $"'{input}' matches {matches.Count} roles; pass one that matches exactly one, or the full ARN:{Environment.NewLine}{CasAnswerErrors.FormatRoles(matches.Select(r => r.RoleArn))}");
        }

        /// <summary>Roles whose name or ARN matches the text: exactly, or as a wildcard pattern (case-insensitive).</summary>
        public static IReadOnlyList<CasAwsRole> Match(string text, IEnumerable<CasAwsRole> roles)
        {
            var list = roles.ToList();
            if (!WildcardPattern.ContainsWildcardCharacters(text))
            {
                var exact = list.Where(r => string.Equals(r.RoleArn, text, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(r.RoleName, text, StringComparison.OrdinalIgnoreCase)).ToList();
                return exact;
            }

            var pattern = new WildcardPattern(text, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            return list.Where(r => pattern.IsMatch(r.RoleName) || pattern.IsMatch(r.RoleArn)).ToList();
        }
    }
}
