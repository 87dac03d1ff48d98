using System;

namespace CasAws.Aws
{
    /// <summary>
    /// An AWS Query-protocol call to sign with Signature Version 4 (a form POST): plain values, so the request
    /// crosses into the STS island and its headers come back without an AWS SDK type on either side.
    /// </summary>
    internal sealed class AwsSigningRequest
    {
        public AwsSigningRequest(Uri url, string service, string signingRegion, string formBody, DateTime signedAt)
        {
            Url = url;
            Service = service;
            SigningRegion = signingRegion;
            FormBody = formBody;
            SignedAt = signedAt;
        }

        public Uri Url { get; }

        /// <summary>The signing name, e.g. 'iam'.</summary>
        public string Service { get; }

        public string SigningRegion { get; }

        /// <summary>application/x-www-form-urlencoded, e.g. Action=ListAccountAliases&amp;Version=2010-05-08.</summary>
        public string FormBody { get; }

        public DateTime SignedAt { get; }
    }
}
