using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CasAws.Aws;
using CasAws.Cache;
using CasAws.Cas;
using CasAws.Credentials;
using CasAws.Errors;
using CasAws.Net;
using CasAws.Session;

namespace CasAws.Oidc
{
    /// <summary>
    /// Role credentials for an OpenID Connect session: AssumeRoleWithWebIdentity with the session's id_token,
    /// named after the token's user. An expired id_token is renewed with the refresh token when CAS gave one;
    /// else the user is told to log in again.
    /// </summary>
    internal static class WebIdentityCredentials
    {
        /// <summary>An id_token with less life than this is renewed (or refused) before it is sent.</summary>
        private static readonly TimeSpan MinimumTokenLife = TimeSpan.FromMinutes(1);

        public static async Task<CasAwsCredential> ObtainAsync(CasAwsSession session, OidcIdentity identity, CredentialRequest request, CredentialOrigin origin, CancellationToken cancellationToken)
        {
            string roleArn = request.RoleArn ?? throw RoleRequired(session, identity);
            if (identity.ExpiresUtc - DateTime.UtcNow < MinimumTokenLife) await RenewAsync(session.Settings, identity, cancellationToken).ConfigureAwait(false);

            StsEndpoint endpoint;
            try
            {
                endpoint = StsEndpointResolver.Resolve(null, null, null, null, Environment.GetEnvironmentVariable, StsSettingNames.EnvironmentOnly);
            }
            catch (ArgumentException problem)
            {
                throw StsErrors.InvalidEndpoint(problem, roleArn);
            }

            // AWS is reached with the one AWS transport policy: the connection's CA bundle and proxy, AWS_CA_BUNDLE
            // first; a CAS connection's -SkipCertificateCheck never turns off certificate checks for AWS.
            endpoint.Transport = TransportSettings.ForAws(new TransportSettings(), session.Settings, Environment.GetEnvironmentVariable);

            try
            {
                return await AssumeAsync(endpoint, identity, roleArn, request.Duration, origin, cancellationToken).ConfigureAwait(false);
            }
            catch (CasAwsException expired) when (expired.ErrorId == ErrorIds.OidcLoginExpired && identity.RefreshToken != null)
            {
                await RenewAsync(session.Settings, identity, cancellationToken).ConfigureAwait(false);
                return await AssumeAsync(endpoint, identity, roleArn, request.Duration, origin, cancellationToken).ConfigureAwait(false);
            }
        }

        private static async Task<CasAwsCredential> AssumeAsync(StsEndpoint endpoint, OidcIdentity identity, string roleArn, TimeSpan duration, CredentialOrigin origin, CancellationToken cancellationToken)
        {
            var call = new WebIdentityRequest(roleArn, RoleSessionName.FromUserName(identity.Claims.UserName), identity.IdToken, duration);
            IStsBridge bridge;
            try
            {
                bridge = StsBridgeLoader.Get();
            }
            catch (Exception problem) when (!(problem is OutOfMemoryException))
            {
                throw StsErrors.ComponentMissing(problem);
            }

            CasAwsCredential credential;
            try
            {
                credential = await bridge.AssumeRoleWithWebIdentityAsync(endpoint, call, cancellationToken).ConfigureAwait(false);
            }
            catch (StsCallException failure)
            {
                throw WebIdentityErrors.From(failure, endpoint, call, identity);
            }

            ServerValueErrors.RequireKeys("STS at " + endpoint.ServiceUrl.Host, credential.AccessKey, credential.SecretKey, credential.SessionToken);
            credential.AssumedRoleArn = roleArn;
            credential.AccountId = AwsArn.AccountOf(roleArn);
            credential.Origin = origin;
            return credential;
        }

        /// <summary>A new id_token from the refresh token, or the 'log in again' error.</summary>
        public static async Task RenewAsync(CasConnectionSettings settings, OidcIdentity identity, CancellationToken cancellationToken)
        {
            string? refreshToken = identity.RefreshToken;
            if (refreshToken == null)
            {
                throw new CasAwsException(ErrorIds.OidcLoginExpired, CasAwsErrorKind.AuthenticationError, identity.Endpoints.IssuerText,
                    "The CAS login (id_token) of " + identity.Claims.UserName + " expired at " + identity.ExpiresUtc.ToString("u", System.Globalization.CultureInfo.InvariantCulture)
                    + ". Log in again with Connect-CasAws -OpenIdConnect; the browser's single sign-on usually makes that one click.");
            }

            OidcTokenAnswer answer = await OidcTokenClient.RefreshAsync(settings, identity.Endpoints, identity.ClientId, refreshToken, cancellationToken).ConfigureAwait(false);
            if (answer.Claims.Subject != identity.Claims.Subject)
            {
                throw new CasAwsException(ErrorIds.OidcIdTokenInvalid, CasAwsErrorKind.SecurityError, identity.Endpoints.IssuerText,
                    "The refreshed id_token names another user than the login did; it was not kept. Log in again with Connect-CasAws -OpenIdConnect.");
            }

            identity.Replace(answer.IdToken, answer.Claims, answer.AccessToken, answer.RefreshToken);
            CacheForHelper(settings, identity);
        }

        /// <summary>
        /// Puts the login's id_token in the private cache, where registered profiles' credential_process
        /// helper finds it. A cache that cannot be written only means the helper asks for a new login.
        /// </summary>
        public static void CacheForHelper(CasConnectionSettings settings, OidcIdentity identity)
        {
            try
            {
                WebIdentityTokenCache.Write(new CachedWebIdentity(ServerKey.Normalize(settings.Server), RoleSessionName.FromUserName(identity.Claims.UserName), identity.IdToken, identity.ExpiresUtc));
            }
            catch (Exception problem) when (problem is System.IO.IOException || problem is UnauthorizedAccessException || problem is ArgumentException
                || problem is System.Security.Cryptography.CryptographicException || problem is System.ComponentModel.Win32Exception)
            {
                // the helper then says to log in again
            }
        }

        /// <summary>Removes the login from the private cache unless a newer login replaced it there.</summary>
        public static void ForgetCached(CasConnectionSettings settings, OidcIdentity identity)
        {
            try
            {
                WebIdentityTokenCache.DeleteIfHolds(ServerKey.Normalize(settings.Server), identity.IdToken);
            }
            catch (Exception problem) when (problem is System.IO.IOException || problem is UnauthorizedAccessException)
            {
                // a file we cannot delete we could not read either
            }
        }

        private static CasAwsException RoleRequired(CasAwsSession session, OidcIdentity identity)
        {
            IReadOnlyList<CasAwsRole>? roles = session.KnownRoles;
            if (roles != null && roles.Count > 0)
            {
                var arns = new List<string>();
                foreach (CasAwsRole role in roles) arns.Add(role.RoleArn);
                return CasAnswerErrors.RoleRequired(session.Server, arns);
            }

            return new CasAwsException(ErrorIds.RoleArnRequired, CasAwsErrorKind.InvalidArgument, session.Server,
                "The CAS login of " + identity.Claims.UserName + " carries no role list, so pass the full role ARN with -RoleArn (arn:aws:iam::<account>:role/<name>). The CAS administrator can release the roles as a claim (see Get-Help about_CasAws).");
        }
    }
}
