using System;
using System.Collections.Generic;
using System.Globalization;

namespace CasAws.Cas
{
    /// <summary>
    /// Tells CAS's answers apart by status and exact body text (every failure is a terse 401), and
    /// refuses to read anything else, such as a login page or a proxy's error, as a wrong password.
    /// </summary>
    internal static class CasResponseClassifier
    {
        public const string AuthenticationFailedText = "Authentication failed";
        public const string AuthorizationFailureText = "Authorization failure";
        public const string MultipleRolesPrefix = "Found multiple roles and none is specified. Current roles:";
        public const string RoleNotAllowedPrefix = "Specified role is not allowed. Current roles:";
        public const string NoRolesText = "No roles are available for the authenticated principal";

        public static CasAnswer Classify(int statusCode, string? mediaType, string body, bool truncated, DateTime sentAtUtc)
        {
            string text = (body ?? string.Empty).Trim();
            bool looksLikeWebPage = IsHtml(mediaType) || text.StartsWith("<", StringComparison.Ordinal);

            if (statusCode == 200)
            {
                if (looksLikeWebPage)
                {
                    return Failure(CasAnswerKind.EndpointUnavailable, statusCode, sentAtUtc, "the server answered with a web page (" + Describe(mediaType) + "), often a login page or a proxy's page, instead of credentials");
                }

                CasCredentialsBody? credentials = truncated ? null : CasCredentialsBodyParser.TryParse(body ?? string.Empty);
                if (credentials != null) return CasAnswer.Success(sentAtUtc, credentials);
                string why = truncated ? "the answer is larger than any CAS credentials answer" : "the answer (" + Describe(mediaType) + ") is not CAS's [default] credentials text; it may be truncated or garbled";
                return Failure(CasAnswerKind.MalformedResponse, statusCode, sentAtUtc, why);
            }

            if (statusCode == 401 && !looksLikeWebPage)
            {
                CasAnswer? known = ClassifyCasText(text, sentAtUtc);
                if (known != null) return known;
            }

            if (statusCode == 401 || statusCode == 403 || statusCode == 404 || statusCode == 405 || (statusCode >= 300 && statusCode < 400))
            {
                return Failure(CasAnswerKind.EndpointUnavailable, statusCode, sentAtUtc, Describe(mediaType));
            }

            if (statusCode >= 500)
            {
                return Failure(CasAnswerKind.ServerError, statusCode, sentAtUtc, Describe(mediaType));
            }

            if (statusCode >= 400)
            {
                return Failure(CasAnswerKind.RequestRejected, statusCode, sentAtUtc, Describe(mediaType));
            }

            return Failure(CasAnswerKind.MalformedResponse, statusCode, sentAtUtc, "unexpected HTTP status " + statusCode.ToString(CultureInfo.InvariantCulture));
        }

        private static CasAnswer? ClassifyCasText(string text, DateTime sentAtUtc)
        {
            if (string.Equals(text, AuthenticationFailedText, StringComparison.Ordinal))
                return Failure(CasAnswerKind.AuthenticationFailed, 401, sentAtUtc, null);
            if (string.Equals(text, AuthorizationFailureText, StringComparison.Ordinal))
                return Failure(CasAnswerKind.AuthorizationFailure, 401, sentAtUtc, null);
            if (string.Equals(text, NoRolesText, StringComparison.Ordinal))
                return Failure(CasAnswerKind.NoRoles, 401, sentAtUtc, null);
            if (text.StartsWith(MultipleRolesPrefix, StringComparison.Ordinal))
                return WithRoles(CasAnswerKind.RoleRequired, text.Substring(MultipleRolesPrefix.Length), sentAtUtc);
            if (text.StartsWith(RoleNotAllowedPrefix, StringComparison.Ordinal))
                return WithRoles(CasAnswerKind.RoleNotAllowed, text.Substring(RoleNotAllowedPrefix.Length), sentAtUtc);
            return null;
        }

        private static CasAnswer? WithRoles(CasAnswerKind kind, string listText, DateTime sentAtUtc)
        {
            IReadOnlyList<string>? roles = CasRoleListParser.TryParse(listText);
            return roles == null ? null : CasAnswer.WithRoles(kind, sentAtUtc, 401, roles);
        }

        private static CasAnswer Failure(CasAnswerKind kind, int statusCode, DateTime sentAtUtc, string? detail) =>
            CasAnswer.Failure(kind, sentAtUtc, statusCode, detail);

        private static bool IsHtml(string? mediaType) =>
            mediaType != null && (mediaType.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0);

        private static string Describe(string? mediaType) => string.IsNullOrEmpty(mediaType) ? "no content type" : mediaType!;
    }
}
