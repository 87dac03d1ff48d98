using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using CasAws.Cas;

namespace CasAws.Errors
{
    /// <summary>Turns a failed <see cref="CasAnswer"/> into an exception whose message says what to do next.</summary>
    internal static class CasAnswerErrors
    {
        public static CasAwsException ToException(CasAnswer answer, CasConnectionSettings settings, string userName, string? roleArn, TimeSpan duration)
        {
            string server = settings.ServerName;
            string endpoint = settings.EndpointUri.AbsoluteUri;
            string status = answer.StatusCode.HasValue ? "HTTP " + answer.StatusCode.Value.ToString(CultureInfo.InvariantCulture) : string.Empty;
            switch (answer.Kind)
            {
                case CasAnswerKind.AuthenticationFailed:
                    return new CasAwsException(ErrorIds.CasAuthenticationFailed, ErrorCategory.AuthenticationError, server,
                        $"CAS at {server} answered 'Authentication failed' for user '{userName}'. Either the password is wrong, or the MFA step failed: the Duo push was denied or not answered in time, or the passcode was wrong. " +
                        "Check the user name and password, approve the push when it arrives (or pass a fresh -Passcode), and run Connect-CasAws again. The password is not sent again on its own, to avoid locking the account.");
                case CasAnswerKind.AuthorizationFailure:
                    return new CasAwsException(ErrorIds.CasAuthorizationFailure, ErrorCategory.PermissionDenied, server,
                        $"CAS at {server} answered 'Authorization failure': the login worked, but user '{userName}' lacks the attribute CAS requires for AWS access (usually membership in an AWS group). Ask your CAS or identity administrators to grant AWS access.");
                case CasAnswerKind.RoleRequired:
                    return RoleRequired(server, RolesOf(answer));
                case CasAnswerKind.RoleNotAllowed:
                    if (roleArn != null && answer.Roles.Contains(roleArn, StringComparer.Ordinal))
                    {
                        // CAS 6.4-7.3 match roleArn as a regular expression: a name with '+' (or other regex
                        // characters) cannot match itself, and an escaped pattern would not be a valid ARN for STS.
                        return new CasAwsException(ErrorIds.CasRoleNotAllowed, ErrorCategory.PermissionDenied, roleArn,
                            $"CAS at {server} lists role '{roleArn}' for user '{userName}' but refuses it: this CAS version matches the requested role as a regular expression, and characters such as '+' in the role's name keep it from matching itself. Choose another role, or ask the CAS administrators to upgrade CAS (newer versions match exactly) or to rename the role.");
                    }

                    return new CasAwsException(ErrorIds.CasRoleNotAllowed, ErrorCategory.PermissionDenied, (object?)roleArn ?? server,
                        $"CAS at {server} does not allow role '{roleArn}' for user '{userName}'. Pass one of these with -RoleArn:{Environment.NewLine}{FormatRoles(RolesOf(answer))}");
                case CasAnswerKind.NoRoles:
                    return new CasAwsException(ErrorIds.CasNoRoles, ErrorCategory.PermissionDenied, server,
                        $"CAS at {server} has no AWS role for user '{userName}'. Ask your CAS or identity administrators to grant a role.");
                case CasAnswerKind.EndpointUnavailable:
                    return new CasAwsException(ErrorIds.CasEndpointUnavailable, ErrorCategory.ResourceUnavailable, server,
                        $"The CAS AWS endpoint {endpoint} is not available ({Join(status, answer.Detail)}). This is not a password problem: check the -Server URL (the CAS base, e.g. https://sso.example.org/cas) and -EndpointPath, and ask the CAS administrators whether the awsSts endpoint is enabled, exposed and open to anonymous access.");
                case CasAnswerKind.ServerError:
                    return new CasAwsException(ErrorIds.CasServerError, ErrorCategory.InvalidResult, (object?)roleArn ?? server,
                        $"CAS at {server} failed with a server error ({Join(status, answer.Detail)}). The most likely cause is AWS STS refusing the request: a -Duration ({StsDurationRules.Describe(duration)}) longer than the role's maximum session duration, a role CAS may not assume, or a wrong AWS MFA -Token. Try -Duration 01:00:00; if it persists, ask the CAS administrators to check the CAS log.");
                case CasAnswerKind.RequestRejected:
                    return new CasAwsException(ErrorIds.CasRequestRejected, ErrorCategory.ProtocolError, server,
                        $"CAS at {server} rejected the request ({Join(status, answer.Detail)}). Check that -Server and -EndpointPath point at CAS's awsSts endpoint.");
                case CasAnswerKind.MalformedResponse:
                    return new CasAwsException(ErrorIds.CasMalformedResponse, ErrorCategory.ProtocolError, server,
                        $"The answer from {endpoint} could not be read as CAS credentials ({Join(status, answer.Detail)}). Check that -Server points at a CAS server and that no proxy alters the answer. Nothing was retried.");
                case CasAnswerKind.Timeout:
                    return new CasAwsException(ErrorIds.CasTimeout, ErrorCategory.OperationTimeout, server,
                        $"CAS at {server} did not answer within {StsDurationRules.Describe(settings.Timeout)}. If a Duo push was pending, it was not answered in time. Run the command again and approve the push, or pass a larger -TimeoutSec. Nothing was retried.");
                case CasAnswerKind.CertificateUntrusted:
                    return new CasAwsException(ErrorIds.CasCertificateUntrusted, ErrorCategory.SecurityError, server,
                        $"The TLS certificate of {settings.Server.Host} is not trusted ({answer.Detail}). If your organisation or a TLS-inspecting proxy uses its own certificate authority, pass its certificate with -CaBundlePath <file.pem>. Use -SkipCertificateCheck only for a test server.");
                case CasAnswerKind.ConnectionRefused:
                    return new CasAwsException(ErrorIds.CasConnectionRefused, ErrorCategory.ConnectionError, server,
                        $"Nothing accepted the connection to {settings.Server.Authority} ({answer.Detail}). Check the -Server URL and port, and whether a proxy is needed (-Proxy).");
                case CasAnswerKind.ProxyFailure:
                    return new CasAwsException(ErrorIds.ProxyFailure, ErrorCategory.ConnectionError, server,
                        $"The proxy did not carry the request to {settings.Server.Authority} ({answer.Detail}). Check the proxy's address and port (-Proxy, or the system proxy: HTTPS_PROXY and NO_PROXY), whether it is running, and -ProxyCredential if it asks for a login. Nothing was sent to CAS.");
                case CasAnswerKind.UnknownHost:
                    return new CasAwsException(ErrorIds.CasUnknownHost, ErrorCategory.ConnectionError, server,
                        $"The host name '{settings.Server.Host}' could not be resolved ({answer.Detail}). Check the spelling of -Server and your network or VPN connection.");
                default:
                    return new CasAwsException(ErrorIds.CasNetworkFailure, ErrorCategory.ConnectionError, server,
                        $"The request to {endpoint} failed ({answer.Detail}). Check the network connection and any proxy (-Proxy); nothing was retried.");
            }
        }

        public static CasAwsException RoleRequired(string server, IReadOnlyList<string> roles) =>
            new CasAwsException(ErrorIds.RoleArnRequired, ErrorCategory.InvalidArgument, server,
                $"CAS at {server} offers several roles and none was chosen. Pass one with -RoleArn (a full ARN, or a role name that matches one role):{Environment.NewLine}{FormatRoles(roles)}");

        public static string FormatRoles(IEnumerable<string> roles) =>
            string.Join(Environment.NewLine, roles.Select(role => "  " + role));

        private static IReadOnlyList<string> RolesOf(CasAnswer answer) => answer.Roles;

        private static string Join(string first, string? second) =>
            string.IsNullOrEmpty(second) ? first : (string.IsNullOrEmpty(first) ? second! : first + ", " + second);
    }
}
