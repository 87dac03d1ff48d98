using System;
using System.Collections.Generic;
using CasAws.Cas;
using CasAws.Session;

namespace CasAws.Errors
{
    /// <summary>Turns a failed <see cref="CasAnswer"/> into an exception whose message (<see cref="CasAnswerMessages"/>) says what to do next.</summary>
    internal static class CasAnswerErrors
    {
        /// <param name="provider">The CAS MFA provider the request was made for.</param>
        /// <param name="mfaCodeSent">A CAS MFA code went with the request.</param>
        /// <param name="mfaAccountSent">A Google Authenticator device id (-MfaAccount) went with the request.</param>
        /// <param name="awsMfaSent">-Token or -SerialNumber went with the request (AWS-side MFA CAS passes to STS).</param>
        /// <param name="mode">What the session knows of the server's mode, for advice on a refusal CAS passed through from STS.</param>
        public static CasAwsException ToException(CasAnswer answer, CasConnectionSettings settings, string userName, string? roleArn, TimeSpan duration,
            CasMfaProvider provider = CasMfaProvider.Duo, bool mfaCodeSent = true, bool mfaAccountSent = false, bool awsMfaSent = false, CasAwsSessionMode mode = CasAwsSessionMode.Unknown)
        {
            string server = settings.ServerName;
            string message = CasAnswerMessages.Message(answer, settings, userName, roleArn, duration, awsMfaSent, roleMode: mode == CasAwsSessionMode.Roles);
            string errorId = CasAnswerMessages.ErrorId(answer.Kind);
            switch (answer.Kind)
            {
                case CasAnswerKind.AuthenticationFailed:
                    return AuthenticationFailed(server, userName, provider, mfaCodeSent, mfaAccountSent);
                case CasAnswerKind.AuthorizationFailure:
                case CasAnswerKind.NoRoles:
                    return new CasAwsException(errorId, CasAwsErrorKind.PermissionDenied, server, message);
                case CasAnswerKind.RoleRequired:
                    return new CasAwsException(errorId, CasAwsErrorKind.InvalidArgument, server, message);
                case CasAnswerKind.RoleNotAllowed:
                    return new CasAwsException(errorId, CasAwsErrorKind.PermissionDenied,
                        CasAnswerMessages.IsListedButRefused(answer, roleArn) ? roleArn! : (object?)roleArn ?? server, message);
                case CasAnswerKind.EndpointUnavailable:
                    return new CasAwsException(errorId, CasAwsErrorKind.ResourceUnavailable, server, message);
                case CasAnswerKind.ServerError:
                    return new CasAwsException(errorId, CasAwsErrorKind.InvalidResult, (object?)roleArn ?? server, message);
                case CasAnswerKind.RequestRejected:
                case CasAnswerKind.MalformedResponse:
                    return new CasAwsException(errorId, CasAwsErrorKind.ProtocolError, server, message);
                case CasAnswerKind.MalformedValue:
                    return new CasAwsException(errorId, CasAwsErrorKind.InvalidData, server, message);
                case CasAnswerKind.Timeout:
                    return new CasAwsException(errorId, CasAwsErrorKind.OperationTimeout, server, message);
                case CasAnswerKind.CertificateUntrusted:
                    return new CasAwsException(errorId, CasAwsErrorKind.SecurityError, server, message);
                default:
                    return new CasAwsException(errorId, CasAwsErrorKind.ConnectionError, server, message);
            }
        }

        /// <summary>
        /// CAS does not say whether the password or the second factor failed, nor which factor it wanted:
        /// when no code was sent, the likeliest cause besides the password is a provider that needs one.
        /// </summary>
        public static CasAwsException AuthenticationFailed(string server, string userName, CasMfaProvider provider, bool mfaCodeSent, bool mfaAccountSent = false)
        {
            string cause = mfaCodeSent
                ? $"Either the password is wrong, or the {provider.DisplayName()} code was wrong, expired or already used."
                : provider == CasMfaProvider.Duo
                    ? "Either the password is wrong, the Duo push was denied or not answered in time, or this CAS may require an MFA code (CAS does not say which factor it wanted)."
                    : "Either the password is wrong, or this CAS may require an MFA code (CAS does not say which factor it wanted).";
            string advice = mfaCodeSent
                ? "Check the user name and password and run the command again with a fresh code (-Passcode); each code works once." + CasAnswerMessages.MfaAccountHint(provider, mfaCodeSent, mfaAccountSent, "-MfaAccount")
                : "Check the user name and password. If this CAS asks for an MFA code, pass it with -Passcode and name its provider with -MfaProvider (Duo, GoogleAuthenticator, YubiKey or Simple), e.g. -MfaProvider GoogleAuthenticator -Passcode 123456; for a Duo push, approve it when it arrives.";
            return new CasAwsException(ErrorIds.CasAuthenticationFailed, CasAwsErrorKind.AuthenticationError, server,
                $"CAS at {server} answered 'Authentication failed' for user '{userName}'. {cause} {advice} The password is not sent again on its own, to avoid locking the account.");
        }

        public static CasAwsException RoleRequired(string server, IReadOnlyList<string> roles) =>
            new CasAwsException(ErrorIds.RoleArnRequired, CasAwsErrorKind.InvalidArgument, server, CasAnswerMessages.RoleRequired(server, roles));

        /// <summary>Several roles, none chosen, for a command that takes credentials rather than a role (it has no -RoleArn to pass).</summary>
        public static CasAwsException RoleRequiredForPipeline(string server, string command, IEnumerable<string> roles) =>
            new CasAwsException(ErrorIds.RoleArnRequired, CasAwsErrorKind.InvalidArgument, server,
                $"CAS at {server} offers several roles and the session has no default role, so {command} does not know whose credentials to use. Pipe in the credentials of one role (Get-CasAwsCredential -RoleArn <role> | {command}), or choose a default with Connect-CasAws -RoleArn <role>:{Environment.NewLine}{FormatRoles(roles)}");

        public static string FormatRoles(IEnumerable<string> roles) => CasAnswerMessages.FormatRoles(roles);
    }
}
