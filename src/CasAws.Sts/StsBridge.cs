using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using CasAws.Aws;
using CasAws.Credentials;

namespace CasAws.Sts
{
    /// <summary>
    /// The STS calls CasAws makes, through the AWS SDK. Created by reflection from
    /// <see cref="StsBridgeLoader"/>; everything it takes and returns is a CasAws.Cmdlets or base library
    /// type, and every SDK failure leaves as a <see cref="StsCallException"/>.
    /// </summary>
    public sealed class StsBridge : IStsBridge
    {
        async Task<CasAwsCallerIdentity> IStsBridge.GetCallerIdentityAsync(StsEndpoint endpoint, CasAwsCredential source, CancellationToken cancellationToken)
        {
            using AmazonSecurityTokenServiceClient client = StsClientFactory.Create(endpoint, source);
            try
            {
                GetCallerIdentityResponse response = await client.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false);
                return new CasAwsCallerIdentity(response.Account, response.Arn, response.UserId);
            }
            catch (Exception exception) when (StsErrorTranslator.Translate(exception, endpoint, cancellationToken) is { } translated)
            {
                throw translated;
            }
        }

        async Task<CasAwsCredential> IStsBridge.AssumeRoleAsync(StsEndpoint endpoint, CasAwsCredential source, RoleChainRequest request, CancellationToken cancellationToken)
        {
            var assumeRole = new AssumeRoleRequest
            {
                RoleArn = request.RoleArn,
                RoleSessionName = request.RoleSessionName,
                DurationSeconds = (int)request.Duration.TotalSeconds,
                ExternalId = request.ExternalId,
                SerialNumber = request.SerialNumber,
                TokenCode = request.TokenCode,
            };
            DateTime requestedAt = DateTime.UtcNow;
            using AmazonSecurityTokenServiceClient client = StsClientFactory.Create(endpoint, source);
            try
            {
                AssumeRoleResponse response = await client.AssumeRoleAsync(assumeRole, cancellationToken).ConfigureAwait(false);
                Amazon.SecurityToken.Model.Credentials keys = response.Credentials;
                DateTime expiration = keys.Expiration?.ToUniversalTime() ?? requestedAt + request.Duration;
                return new CasAwsCredential(keys.AccessKeyId, keys.SecretAccessKey, keys.SessionToken, expiration);
            }
            catch (Exception exception) when (StsErrorTranslator.Translate(exception, endpoint, cancellationToken) is { } translated)
            {
                throw translated;
            }
        }

        async Task<CasAwsCredential> IStsBridge.AssumeRoleWithWebIdentityAsync(StsEndpoint endpoint, WebIdentityRequest request, CancellationToken cancellationToken)
        {
            var assumeRole = new AssumeRoleWithWebIdentityRequest
            {
                RoleArn = request.RoleArn,
                RoleSessionName = request.RoleSessionName,
                WebIdentityToken = request.WebIdentityToken,
                DurationSeconds = (int)request.Duration.TotalSeconds,
            };
            DateTime requestedAt = DateTime.UtcNow;
            using AmazonSecurityTokenServiceClient client = StsClientFactory.CreateUnsigned(endpoint);
            try
            {
                AssumeRoleWithWebIdentityResponse response = await client.AssumeRoleWithWebIdentityAsync(assumeRole, cancellationToken).ConfigureAwait(false);
                Amazon.SecurityToken.Model.Credentials keys = response.Credentials;
                DateTime expiration = keys.Expiration?.ToUniversalTime() ?? requestedAt + request.Duration;
                return new CasAwsCredential(keys.AccessKeyId, keys.SecretAccessKey, keys.SessionToken, expiration);
            }
            catch (Exception exception) when (StsErrorTranslator.Translate(exception, endpoint, cancellationToken) is { } translated)
            {
                throw translated;
            }
        }

        IReadOnlyList<KeyValuePair<string, string>> IStsBridge.SignQueryRequest(AwsSigningRequest request, CasAwsCredential keys) =>
            QueryRequestSigner.Sign(request, keys);
    }
}
