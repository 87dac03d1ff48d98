using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CasAws.Errors;
using CasAws.Validation;

namespace CasAws.Cas
{
    /// <summary>
    /// What a failed <see cref="CasAnswer"/> means and what to do next: the error id and text shared by the
    /// cmdlets (as ErrorRecords) and the credential_process helper (as its stderr line). No PowerShell types.
    /// </summary>
    internal static class CasAnswerMessages
    {
        public static string ErrorId(CasAnswerKind kind)
        {
            switch (kind)
            {
                case CasAnswerKind.AuthenticationFailed: return ErrorIds.CasAuthenticationFailed;
                case CasAnswerKind.AuthorizationFailure: return ErrorIds.CasAuthorizationFailure;
                case CasAnswerKind.RoleRequired: return ErrorIds.RoleArnRequired;
                case CasAnswerKind.RoleNotAllowed: return ErrorIds.CasRoleNotAllowed;
                case CasAnswerKind.NoRoles: return ErrorIds.CasNoRoles;
                case CasAnswerKind.EndpointUnavailable: return ErrorIds.CasEndpointUnavailable;
                case CasAnswerKind.ServerError: return ErrorIds.CasServerError;
                case CasAnswerKind.RequestRejected: return ErrorIds.CasRequestRejected;
                case CasAnswerKind.MalformedResponse: return ErrorIds.CasMalformedResponse;
                case CasAnswerKind.MalformedValue: return ErrorIds.ServerValueMalformed;
                case CasAnswerKind.Timeout: return ErrorIds.CasTimeout;
                case CasAnswerKind.CertificateUntrusted: return ErrorIds.CasCertificateUntrusted;
                case CasAnswerKind.ConnectionRefused: return ErrorIds.CasConnectionRefused;
                case CasAnswerKind.UnknownHost: return ErrorIds.CasUnknownHost;
                case CasAnswerKind.ProxyFailure: return ErrorIds.ProxyFailure;
                default: return ErrorIds.CasNetworkFailure;
            }
        }

        /// <param name="awsMfaSent">-Token or -SerialNumber went with the request (AWS-side MFA CAS passes to STS).</param>
        /// <param name="roleMode">The server is known to assume roles, for advice on a refusal CAS passed through from STS.</param>
        public static string Message(CasAnswer answer, CasConnectionSettings settings, string userName, string? roleArn, TimeSpan duration,
            bool awsMfaSent = false, bool roleMode = false)
        {
            string server = settings.ServerName;
            string endpoint = settings.EndpointUri.AbsoluteUri;
            string status = answer.StatusCode.HasValue ? "HTTP " + answer.StatusCode.Value.ToString(CultureInfo.InvariantCulture) : string.Empty;
            switch (answer.Kind)
            {
                case CasAnswerKind.AuthenticationFailed:
                    return $"CAS at {server} answered 'Authentication failed' for user '{userName}'. Either the password is wrong, or the MFA step failed: the Duo push was denied or not answered in time, or the passcode was wrong. " +
                        "Check the user name and password, approve the push when it arrives (or pass a fresh -Passcode), and run Connect-CasAws again. The password is not sent again on its own, to avoid locking the account.";
                case CasAnswerKind.AuthorizationFailure:
                    return $"CAS at {server} answered 'Authorization failure': the login worked, but user '{userName}' lacks the attribute CAS requires for AWS access (usually membership in an AWS group). Ask your CAS or identity administrators to grant AWS access.";
                case CasAnswerKind.RoleRequired:
                    return RoleRequired(server, answer.Roles);
                case CasAnswerKind.RoleNotAllowed:
                    if (IsListedButRefused(answer, roleArn))
                    {
                        // CAS 6.4-7.3 match roleArn as a regular expression: a name with '+' (or other regex
                        // characters) cannot match itself, and an escaped pattern would not be a valid ARN for STS.
                        return $"CAS at {server} lists role '{roleArn}' for user '{userName}' but refuses it: this CAS version matches the requested role as a regular expression, and characters such as '+' in the role's name keep it from matching itself. Choose another role, or ask the CAS administrators to upgrade CAS (newer versions match exactly) or to rename the role.";
                    }

                    return $"CAS at {server} does not allow role '{roleArn}' for user '{userName}'. Pass one of these with -RoleArn:{Environment.NewLine}{FormatRoles(answer.Roles)}";
                case CasAnswerKind.NoRoles:
                    return $"CAS at {server} has no AWS role for user '{userName}'. Ask your CAS or identity administrators to grant a role.";
                case CasAnswerKind.EndpointUnavailable:
                    return $"The CAS AWS endpoint {endpoint} is not available ({Join(status, answer.Detail)}). This is not a password problem: check the -Server URL (the CAS base, e.g. https://sso.example.org/cas) and -EndpointPath, and ask the CAS administrators whether the awsSts endpoint is enabled, exposed and open to anonymous access.";
                case CasAnswerKind.ServerError:
                    return $"CAS at {server} failed with a server error ({Join(status, answer.Detail)}). CAS does not say why; {StsRefusalAdvice(roleArn, duration, awsMfaSent, roleMode)} If it persists, ask the CAS administrators to check the CAS log.";
                case CasAnswerKind.RequestRejected:
                    return $"CAS at {server} rejected the request ({Join(status, answer.Detail)}). Check that -Server and -EndpointPath point at CAS's awsSts endpoint.";
                case CasAnswerKind.MalformedResponse:
                    return $"The answer from {endpoint} could not be read as CAS credentials ({Join(status, answer.Detail)}). Check that -Server points at a CAS server and that no proxy alters the answer. Nothing was retried.";
                case CasAnswerKind.MalformedValue:
                    return $"CAS at {server} answered with a value that cannot be trusted: {answer.Detail}. Nothing was kept, cached or written. This is a fault (or tampering) on the server or on the way to it; tell the CAS administrators. Nothing was retried.";
                case CasAnswerKind.Timeout:
                    return $"CAS at {server} did not answer within {StsDurationRules.Describe(settings.Timeout)}. If a Duo push was pending, it was not answered in time. Run the command again and approve the push, or pass a larger -TimeoutSec. Nothing was retried.";
                case CasAnswerKind.CertificateUntrusted:
                    return $"The TLS certificate of {settings.Server.Host} is not trusted ({answer.Detail}). If your organisation or a TLS-inspecting proxy uses its own certificate authority, pass its certificate with -CaBundlePath <file.pem>. Use -SkipCertificateCheck only for a test server.";
                case CasAnswerKind.ConnectionRefused:
                    return $"Nothing accepted the connection to {settings.Server.Authority} ({answer.Detail}). Check the -Server URL and port, and whether a proxy is needed (-Proxy).";
                case CasAnswerKind.ProxyFailure:
                    return $"The proxy did not carry the request to {settings.Server.Authority} ({answer.Detail}). Check the proxy's address and port (-Proxy, or the system proxy: HTTPS_PROXY and NO_PROXY), whether it is running, and -ProxyCredential if it asks for a login. Nothing was sent to CAS.";
                case CasAnswerKind.UnknownHost:
                    return $"The host name '{settings.Server.Host}' could not be resolved ({answer.Detail}). Check the spelling of -Server and your network or VPN connection.";
                default:
                    return $"The request to {endpoint} failed ({answer.Detail}). Check the network connection and any proxy (-Proxy); nothing was retried.";
            }
        }

        /// <summary>
        /// The hint for an 'Authentication failed' after a Google Authenticator code sent without a device id: CAS
        /// cannot pick among several registered devices, and says only 'Authentication failed'. Empty otherwise.
        /// <paramref name="accountOption"/> is how the caller names the device id (-MfaAccount, --mfa-account).
        /// </summary>
        public static string MfaAccountHint(CasMfaProvider provider, bool codeSent, bool accountSent, string accountOption) =>
            provider == CasMfaProvider.GoogleAuthenticator && codeSent && !accountSent
                ? $" If more than one Google Authenticator device is registered for this user, CAS cannot tell which one the code is from and refuses it: name the device with {accountOption} <id> (the id CAS lists for the device, e.g. {accountOption} 1)."
                : string.Empty;

        /// <summary>
        /// What most likely made STS refuse the call CAS made for us, given what was asked: CAS answers every
        /// STS refusal with the same bare 500, so the advice follows the request (AWS MFA sent, a role or the
        /// session token, the duration) rather than a cause nobody told us.
        /// </summary>
        public static string StsRefusalAdvice(string? roleArn, TimeSpan duration, bool awsMfaSent, bool roleMode)
        {
            string mfa = "the AWS MFA code: -Token is a 6-digit code valid for about 30 seconds and only once, for the device -SerialNumber names; pass a fresh one";
            if (roleArn != null || roleMode)
            {
                string role = roleArn != null ? "role " + roleArn : "the role";
                var causes = new List<string>();
                if (awsMfaSent) causes.Add(mfa);
                if (duration > TimeSpan.FromHours(1))
                {
                    causes.Add($"the -Duration ({StsDurationRules.Describe(duration)}) is longer than the maximum session duration of {role} (often 1 hour): try -Duration 01:00:00");
                }

                causes.Add($"the trust policy of {role} does not let CAS's AWS identity assume it{(awsMfaSent ? string.Empty : ", or requires AWS MFA (pass -Token and -SerialNumber)")}");
                return "AWS STS most likely refused to assume the role: " + string.Join("; or ", causes) + ".";
            }

            if (awsMfaSent)
            {
                return "in session-token mode AWS STS most likely refused " + mfa + ". Otherwise CAS's own AWS keys may be wrong or disabled.";
            }

            return "in session-token mode AWS STS most likely refused GetSessionToken: the AWS account may require MFA (pass -Token and -SerialNumber), or CAS's own AWS keys may be wrong or disabled"
                + (duration > TimeSpan.FromHours(1) ? $", or they are root keys, which allow 1 hour at most (you asked for {StsDurationRules.Describe(duration)}: try -Duration 01:00:00)." : ".");
        }

        /// <summary>True when CAS refused a role it lists itself (its regex matching on 6.4-7.3).</summary>
        public static bool IsListedButRefused(CasAnswer answer, string? roleArn) =>
            answer.Kind == CasAnswerKind.RoleNotAllowed && roleArn != null && answer.Roles.Contains(roleArn, StringComparer.Ordinal);

        public static string RoleRequired(string server, IReadOnlyList<string> roles) =>
            $"CAS at {server} offers several roles and none was chosen. Pass one with -RoleArn (a full ARN, or a role name that matches one role):{Environment.NewLine}{FormatRoles(roles)}";

        public static string FormatRoles(IEnumerable<string> roles) =>
            string.Join(Environment.NewLine, roles.Select(role => "  " + TerminalText.Visible(role)));

        private static string Join(string first, string? second) =>
            string.IsNullOrEmpty(second) ? first : (string.IsNullOrEmpty(first) ? second! : first + ", " + second);
    }
}
