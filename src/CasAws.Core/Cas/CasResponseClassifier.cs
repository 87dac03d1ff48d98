using System;
using System.Collections.Generic;
using System.Globalization;
using CasAws.Validation;

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

                string? control = truncated ? null : ControlCharacterProblem(body ?? string.Empty);
                if (control != null) return Failure(CasAnswerKind.MalformedValue, statusCode, sentAtUtc, control);
                CasCredentialsBody? credentials = truncated ? null : CasCredentialsBodyParser.TryParse(body ?? string.Empty);
                if (credentials != null)
                {
                    string? problem = ValueProblem(credentials);
                    return problem == null ? CasAnswer.Success(sentAtUtc, credentials) : Failure(CasAnswerKind.MalformedValue, statusCode, sentAtUtc, problem);
                }

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
            if (roles == null) return null;
            for (int i = 0; i < roles.Count; i++)
            {
                string? problem = ServerValues.Problem(ServerValueKind.RoleArn, roles[i]);
                if (problem != null)
                {
                    return Failure(CasAnswerKind.MalformedValue, 401, sentAtUtc,
                        "role " + (i + 1).ToString(CultureInfo.InvariantCulture) + " of the role list " + problem);
                }
            }

            return CasAnswer.WithRoles(kind, sentAtUtc, 401, roles);
        }

        /// <summary>
        /// A control character other than the LF or CRLF that ends a line: a lone CR is a line break to
        /// Python's and .NET's INI readers, so one inside a value would smuggle lines into ~/.aws files.
        /// </summary>
        private static string? ControlCharacterProblem(string body)
        {
            for (int i = 0; i < body.Length; i++)
            {
                char c = body[i];
                bool lineEnd = c == '\n' || (c == '\r' && i + 1 < body.Length && body[i + 1] == '\n');
                if (!lineEnd && ControlCharacters.IsControl(c))
                {
                    return FieldAt(body, i) + " holds the control character " + ControlCharacters.CodePoint(c);
                }
            }

            return null;
        }

        /// <summary>The known key of the line holding <paramref name="index"/>, else its line number: never the server's own text.</summary>
        private static string FieldAt(string body, int index)
        {
            int start = body.LastIndexOf('\n', index) + 1;
            foreach (string key in new[] { "aws_access_key_id", "aws_secret_access_key", "aws_session_token", "region" })
            {
                if (string.CompareOrdinal(body, start, key + "=", 0, key.Length + 1) == 0)
                {
                    return key;
                }
            }

            int line = 1;
            for (int i = 0; i < start; i++)
            {
                if (body[i] == '\n') line++;
            }

            return "line " + line.ToString(CultureInfo.InvariantCulture) + " of the credentials answer";
        }

        private static string? ValueProblem(CasCredentialsBody credentials) =>
            Named("aws_access_key_id", ServerValues.Problem(ServerValueKind.AccessKeyId, credentials.AccessKeyId))
            ?? Named("aws_secret_access_key", ServerValues.Problem(ServerValueKind.SecretAccessKey, credentials.SecretAccessKey))
            ?? Named("aws_session_token", ServerValues.Problem(ServerValueKind.SessionToken, credentials.SessionToken))
            ?? (credentials.Region == null ? null : Named("region", ServerValues.Problem(ServerValueKind.Region, credentials.Region)));

        private static string? Named(string field, string? problem) => problem == null ? null : field + " " + problem;

        private static CasAnswer Failure(CasAnswerKind kind, int statusCode, DateTime sentAtUtc, string? detail) =>
            CasAnswer.Failure(kind, sentAtUtc, statusCode, detail);

        private static bool IsHtml(string? mediaType) =>
            mediaType != null && (mediaType.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0);

        private static string Describe(string? mediaType) => string.IsNullOrEmpty(mediaType) ? "no content type" : TerminalText.Visible(mediaType);
    }
}
