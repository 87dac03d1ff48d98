using System.Collections.Generic;
using System.Linq;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Amazon.SecurityToken;
using CasAws.Aws;
using CasAws.Credentials;

namespace CasAws.Sts
{
    /// <summary>
    /// Signs a Query-protocol POST with AWSSDK.Core's AWS4Signer, the signer every SDK client uses, for calls to a
    /// service whose SDK package is not shipped (IAM): the request is described to the signer as the SDK's own
    /// request type, and only the resulting headers leave.
    /// </summary>
    internal static class QueryRequestSigner
    {
        private const string SecurityTokenHeader = "X-Amz-Security-Token";

        public static IReadOnlyList<KeyValuePair<string, string>> Sign(AwsSigningRequest request, CasAwsCredential keys)
        {
            SdkProfileShield.Apply();
            var sdkRequest = new DefaultRequest(new QueryRequest(), request.Service)
            {
                HttpMethod = "POST",
                Endpoint = new System.Uri(request.Url.GetLeftPart(System.UriPartial.Authority)),
                ResourcePath = request.Url.AbsolutePath,
                Content = Encoding.UTF8.GetBytes(request.FormBody),
                UseQueryString = false,
            };
            sdkRequest.Headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8";
            if (!string.IsNullOrEmpty(keys.SessionToken))
            {
                // Set before signing, so the token is one of the signed headers as the SDK's clients send it.
                sdkRequest.Headers[SecurityTokenHeader] = keys.SessionToken;
            }

            var config = new AmazonSecurityTokenServiceConfig
            {
                ServiceURL = request.Url.AbsoluteUri,
                AuthenticationRegion = request.SigningRegion,
                AuthenticationServiceName = request.Service,
            };
            AWS4SigningResult signature = new AWS4Signer().SignRequest(sdkRequest, config, null, keys.AccessKey, keys.SecretKey, request.SignedAt);
            sdkRequest.Headers["Authorization"] = signature.ForAuthorizationHeader;
            // Content-Type and Host are the sender's to set (HttpClient puts them on the content and the connection).
            return sdkRequest.Headers.Where(h => h.Key != "Content-Type" && h.Key != "Host").ToList();
        }

        /// <summary>The SDK's signer takes a request of its own type; this one carries nothing but its identity.</summary>
        private sealed class QueryRequest : AmazonWebServiceRequest
        {
        }
    }
}
