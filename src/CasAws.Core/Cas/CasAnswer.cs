using System;
using System.Collections.Generic;

namespace CasAws.Cas
{
    /// <summary>
    /// The outcome of one call to the awsSts endpoint: a value, not an exception. It never holds the
    /// raw body (a proxy page could echo the request) and its text never holds a secret.
    /// </summary>
    internal sealed class CasAnswer
    {
        private static readonly IReadOnlyList<string> NoRoleList = new string[0];

        private CasAnswer(CasAnswerKind kind, DateTime sentAtUtc, int? statusCode, string? detail, CasCredentialsBody? credentials, IReadOnlyList<string>? roles)
        {
            Kind = kind;
            SentAtUtc = sentAtUtc;
            StatusCode = statusCode;
            Detail = detail;
            Credentials = credentials;
            Roles = roles ?? NoRoleList;
        }

        public CasAnswerKind Kind { get; }

        /// <summary>When the request was sent: credentials expire at this time plus the requested duration.</summary>
        public DateTime SentAtUtc { get; }

        /// <summary>The HTTP status, when an answer arrived.</summary>
        public int? StatusCode { get; }

        /// <summary>A short explanation safe to show (content type, network error text), or null.</summary>
        public string? Detail { get; }

        public CasCredentialsBody? Credentials { get; }

        /// <summary>Role ARNs in the server's order (RoleRequired, RoleNotAllowed), else empty.</summary>
        public IReadOnlyList<string> Roles { get; }

        public bool IsSuccess => Kind == CasAnswerKind.Credentials;

        public static CasAnswer Success(DateTime sentAtUtc, CasCredentialsBody credentials) =>
            new CasAnswer(CasAnswerKind.Credentials, sentAtUtc, 200, null, credentials, null);

        public static CasAnswer WithRoles(CasAnswerKind kind, DateTime sentAtUtc, int statusCode, IReadOnlyList<string> roles) =>
            new CasAnswer(kind, sentAtUtc, statusCode, null, null, roles);

        public static CasAnswer Failure(CasAnswerKind kind, DateTime sentAtUtc, int? statusCode, string? detail) =>
            new CasAnswer(kind, sentAtUtc, statusCode, detail, null, null);

        public override string ToString() => StatusCode.HasValue ? Kind + " (HTTP " + StatusCode.Value + ")" : Kind.ToString();
    }
}
