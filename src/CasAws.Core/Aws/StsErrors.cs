using System;
using CasAws.Errors;
using CasAws.Validation;

namespace CasAws.Aws
{
    /// <summary>
    /// Turns STS and federation failures into <see cref="CasAwsException"/>s whose id and message say what
    /// to do. The target is the STS endpoint or the role, never a key.
    /// </summary>
    internal static class StsErrors
    {
        /// <summary>STS's ValidationError text when a chained AssumeRole asks for more than an hour.</summary>
        private const string ChainingLimitText = "role chaining";

        public static CasAwsException From(StsCallException failure, StsEndpoint endpoint, string? roleArn)
        {
            object target = (object?)roleArn ?? endpoint.ServiceUrl;
            StsSettingNames names = endpoint.SettingNames;
            string sts = "STS at " + endpoint.ServiceUrl.Host;
            // STS's own text, shown to the user: a hostile endpoint must not reach the terminal through it.
            string aws = TerminalText.Visible(failure.Message).TrimEnd('.') + ".";
            switch (failure.Kind)
            {
                case StsFailureKind.AccessDenied:
                    return new CasAwsException(ErrorIds.StsAccessDenied, CasAwsErrorKind.PermissionDenied, target,
                        roleArn == null
                            ? sts + " denied the call: " + aws
                            : sts + " denied assuming " + roleArn + ": " + aws + " The role's trust policy must allow the identity these credentials belong to (see Get-CasAwsCallerIdentity), and any -ExternalId or MFA it requires must be passed.",
                        failure);
                case StsFailureKind.ExpiredToken:
                    return new CasAwsException(ErrorIds.StsExpiredToken, CasAwsErrorKind.AuthenticationError, target,
                        "The credentials have expired (" + aws.TrimEnd('.') + "). Get new ones with Get-CasAwsCredential -Force, then try again.", failure);
                case StsFailureKind.InvalidToken:
                    return new CasAwsException(ErrorIds.StsInvalidToken, CasAwsErrorKind.AuthenticationError, target,
                        sts + " does not accept these credentials (" + TerminalText.Visible(failure.AwsErrorCode) + "): " + aws + " They may be damaged, revoked, or for another partition (China or GovCloud need " + names.PartitionRegion + "). Get new ones with Get-CasAwsCredential -Force.",
                        failure);
                case StsFailureKind.ValidationError when failure.Message.IndexOf(ChainingLimitText, StringComparison.OrdinalIgnoreCase) >= 0:
                    return new CasAwsException(ErrorIds.RoleChainingDurationExceeded, CasAwsErrorKind.InvalidArgument, target,
                        sts + " refused the duration: " + aws + " Credentials that are themselves role credentials can assume another role for at most 1 hour (role chaining). Pass -Duration 01:00:00 or less.",
                        failure);
                case StsFailureKind.ValidationError:
                    return new CasAwsException(ErrorIds.StsValidationError, CasAwsErrorKind.InvalidArgument, target,
                        sts + " rejected the request: " + aws + " Check -Duration (a role's maximum session duration may be below 12 hours), -RoleArn, -RoleSessionName, -ExternalId and -SerialNumber/-TokenCode.",
                        failure);
                case StsFailureKind.RegionDisabled:
                    return new CasAwsException(ErrorIds.StsRegionDisabled, CasAwsErrorKind.ResourceUnavailable, target,
                        "STS is not activated for region " + endpoint.SigningRegion + " in this account: " + aws + " Use another region (" + names.OtherRegion + ") or ask an account administrator to activate it (IAM, Account settings).",
                        failure);
                case StsFailureKind.Network:
                    return new CasAwsException(ErrorIds.StsNetworkFailure, CasAwsErrorKind.ConnectionError, target,
                        "Could not reach " + sts + ": " + aws + " Check the network and proxy, or point " + names.Endpoint + " at a reachable STS.",
                        failure);
                case StsFailureKind.Timeout:
                    return new CasAwsException(ErrorIds.StsTimeout, CasAwsErrorKind.OperationTimeout, target,
                        aws + " Check the network and proxy" + names.MoreTime + ".", failure);
                default:
                    return new CasAwsException(ErrorIds.StsFailed, CasAwsErrorKind.NotSpecified, target,
                        sts + " failed" + (failure.AwsErrorCode != null ? " (" + TerminalText.Visible(failure.AwsErrorCode) + ")" : string.Empty) + ": " + aws,
                        failure);
            }
        }

        public static CasAwsException From(FederationException failure, Uri federation)
        {
            string message = failure.Message.TrimEnd('.') + ".";
            switch (failure.Failure)
            {
                case FederationFailure.Refused:
                    return new CasAwsException(ErrorIds.FederationRefused, CasAwsErrorKind.PermissionDenied, federation,
                        message + " It accepts only role credentials that have not expired: get fresh ones (Get-CasAwsCredential -Force) for a role.",
                        failure);
                case FederationFailure.UnexpectedAnswer:
                    return new CasAwsException(ErrorIds.FederationUnexpectedAnswer, CasAwsErrorKind.InvalidResult, federation,
                        message + " Check -FederationUrl.", failure);
                case FederationFailure.MalformedValue:
                    return new CasAwsException(ErrorIds.ServerValueMalformed, CasAwsErrorKind.InvalidData, federation,
                        message + " Nothing was shown or opened. Check -FederationUrl and any proxy on the way.", failure);
                case FederationFailure.Timeout:
                    return new CasAwsException(ErrorIds.FederationTimeout, CasAwsErrorKind.OperationTimeout, federation,
                        message + " Check the network and proxy, or allow more time with -TimeoutSec.", failure);
                default:
                    return new CasAwsException(ErrorIds.FederationNetworkFailure, CasAwsErrorKind.ConnectionError, federation,
                        message + " Check the network and proxy, or -FederationUrl.", failure);
            }
        }

        public static CasAwsException InvalidEndpoint(ArgumentException problem, object? target) =>
            new CasAwsException(ErrorIds.StsEndpointInvalid, CasAwsErrorKind.InvalidArgument, target, problem.Message, problem);

        public static CasAwsException ComponentMissing(Exception problem) =>
            new CasAwsException(ErrorIds.StsComponentMissing, CasAwsErrorKind.NotInstalled, null,
                "The STS part of CasAws could not be loaded: " + problem.Message, problem);
    }
}
