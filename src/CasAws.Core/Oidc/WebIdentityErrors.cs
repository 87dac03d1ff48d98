using CasAws.Aws;
using CasAws.Errors;

namespace CasAws.Oidc
{
    /// <summary>
    /// AssumeRoleWithWebIdentity refusals, each with the configuration the CAS or AWS administrator must
    /// fix; everything else goes to the general STS mapping. STS's own text is quoted (it never holds the token).
    /// </summary>
    internal static class WebIdentityErrors
    {
        public static CasAwsException From(StsCallException failure, StsEndpoint endpoint, WebIdentityRequest request, OidcIdentity identity)
        {
            string aws = "STS said: " + failure.Message.TrimEnd('.') + ".";
            string provider = identity.ProviderName;
            string role = request.RoleArn;
            switch (failure.AwsErrorCode)
            {
                case "InvalidIdentityToken":
                    return new CasAwsException(ErrorIds.WebIdentityTokenRejected, CasAwsErrorKind.AuthenticationError, role,
                        "AWS did not accept the CAS id_token for " + role + ". " + aws + " The AWS administrator must create an IAM OpenID Connect provider for " + identity.Endpoints.IssuerText
                        + " (https, no port) with client id '" + identity.ClientId + "' in its audience list, and AWS must be able to fetch the issuer's discovery document and JWKS over https with a publicly trusted certificate (the CAS administrator's part).",
                        failure);
                case "ExpiredTokenException":
                    return new CasAwsException(ErrorIds.OidcLoginExpired, CasAwsErrorKind.AuthenticationError, role,
                        "The CAS login (id_token) has expired. " + aws + " Log in again with Connect-CasAws -OpenIdConnect; the browser's single sign-on usually makes that one click.",
                        failure);
                case "IDPRejectedClaim":
                    return new CasAwsException(ErrorIds.WebIdentityClaimRejected, CasAwsErrorKind.AuthenticationError, role,
                        "AWS reports that CAS rejected the login's claims for " + role + ". " + aws + " The CAS session may have been revoked: log in again with Connect-CasAws -OpenIdConnect. If it persists, the CAS administrator must check the service's claims for client id '" + identity.ClientId + "'.",
                        failure);
                case "IDPCommunicationError":
                    return new CasAwsException(ErrorIds.WebIdentityProviderUnreachable, CasAwsErrorKind.ConnectionError, role,
                        "AWS could not reach CAS at " + identity.Endpoints.IssuerText + " to check the token. " + aws + " Try again in a minute; if it persists, the CAS administrator must make the issuer's discovery document and JWKS reachable from AWS.",
                        failure);
                case "AccessDenied":
                    return new CasAwsException(ErrorIds.WebIdentityAccessDenied, CasAwsErrorKind.PermissionDenied, role,
                        "The trust policy of " + role + " does not let " + CasAws.Validation.TerminalText.Visible(identity.Claims.Subject) + " in through " + provider + ". " + aws
                        + " The AWS administrator must allow sts:AssumeRoleWithWebIdentity for the federated principal arn:aws:iam::<account>:oidc-provider/" + provider
                        + " with the condition " + provider + ":aud = '" + identity.ClientId + "' (and " + provider + ":sub if the role is limited to some users).",
                        failure);
                default:
                    return StsErrors.From(failure, endpoint, role);
            }
        }
    }
}
