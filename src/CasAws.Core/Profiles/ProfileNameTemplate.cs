using System;
using System.Collections.Generic;
using System.Text;
using CasAws.Credentials;
using CasAws.Errors;

namespace CasAws.Profiles
{
    /// <summary>
    /// Turns a name template such as '{AccountAlias}-{RoleName}' into a profile name for one role, made safe
    /// for ~/.aws/config, ~/.aws/credentials and the helper's command line.
    /// </summary>
    internal static class ProfileNameTemplate
    {
        /// <summary>The placeholders a template may hold; {AccountAlias} is the account id when no alias is known.</summary>
        public static readonly IReadOnlyList<string> Placeholders = new[] { "AccountId", "AccountAlias", "RoleName", "RolePath", "Partition" };

        /// <summary>Throws ProfileNameTemplateInvalid for an unknown placeholder, an unclosed brace, or no placeholder at all.</summary>
        public static void Check(string template)
        {
            if (template is null) throw new ArgumentNullException(nameof(template));
            int found = 0;
            foreach (string? placeholder in Scan(template))
            {
                if (placeholder is null) continue;
                if (!System.Linq.Enumerable.Contains(Placeholders, placeholder, StringComparer.Ordinal))
                {
                    throw Invalid(template, $"it names {{{placeholder}}}, which is not one of {Known()}");
                }

                found++;
            }

            if (found == 0) throw Invalid(template, $"it has no placeholder, so every role would get the same name; use {Known()}");
        }

        /// <summary>The safe profile name for a role; the alias, when known, fills {AccountAlias}.</summary>
        public static string Expand(string template, CasAwsRole role, string? accountAlias)
        {
            Check(template);
            var text = new StringBuilder();
            int literalStart = 0;
            int index = 0;
            while (index < template.Length)
            {
                int open = template.IndexOf('{', index);
                if (open < 0) break;
                int close = template.IndexOf('}', open);
                text.Append(template, literalStart, open - literalStart);
                text.Append(ValueOf(template.Substring(open + 1, close - open - 1), role, accountAlias));
                index = literalStart = close + 1;
            }

            text.Append(template, literalStart, template.Length - literalStart);
            return Safe(text.ToString());
        }

        /// <summary>
        /// Letters, digits, '.', '_' and '-' are kept; every other character (spaces, '@', '+', '=', ',', '/', quotes,
        /// brackets, control characters, non-ASCII) becomes '-', runs of '-' shrink to one, and '-' or '.' at either end go.
        /// Such a name needs no quoting in the AWS files, on a command line or as a cache file name.
        /// </summary>
        public static string Safe(string name)
        {
            var safe = new StringBuilder(name.Length);
            foreach (char c in name)
            {
                bool kept = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
                char next = kept ? c : '-';
                if (next == '-' && safe.Length > 0 && safe[safe.Length - 1] == '-') continue;
                safe.Append(next);
            }

            return safe.ToString().Trim('-', '.');
        }

        private static string ValueOf(string placeholder, CasAwsRole role, string? accountAlias) => placeholder switch
        {
            "AccountId" => role.AccountId,
            "AccountAlias" => string.IsNullOrEmpty(accountAlias) ? role.AccountId : accountAlias!,
            "RoleName" => role.RoleName,
            "RolePath" => role.Path.Trim('/'),
            "Partition" => role.Partition,
            _ => throw new InvalidOperationException("Check lets only known placeholders through."),
        };

        /// <summary>Each placeholder's name in order (null for none); throws on a brace that does not pair.</summary>
        private static IEnumerable<string?> Scan(string template)
        {
            int index = 0;
            while (index < template.Length)
            {
                int open = template.IndexOf('{', index);
                int stray = template.IndexOf('}', index);
                if (open < 0)
                {
                    if (stray >= 0) throw Invalid(template, "it has a '}' without a '{'");
                    yield break;
                }

                if (stray >= 0 && stray < open) throw Invalid(template, "it has a '}' without a '{'");
                int close = template.IndexOf('}', open);
                if (close < 0) throw Invalid(template, "it has a '{' without a '}'");
                yield return template.Substring(open + 1, close - open - 1);
                index = close + 1;
            }
        }

        private static string Known() => "{" + string.Join("}, {", Placeholders) + "}";

        private static CasAwsException Invalid(string template, string why) =>
            new CasAwsException(ErrorIds.ProfileNameTemplateInvalid, CasAwsErrorKind.InvalidArgument, template,
                $"The name template '{Validation.TerminalText.Visible(template)}' cannot be used: {why}. Example: -NameTemplate '{{AccountAlias}}-{{RoleName}}'.");
    }
}
