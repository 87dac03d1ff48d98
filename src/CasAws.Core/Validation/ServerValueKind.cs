namespace CasAws.Validation
{
    /// <summary>The kinds of value a server hands CasAws, each with the shape AWS documents for it.</summary>
    internal enum ServerValueKind
    {
        /// <summary>16-128 of [A-Za-z0-9_] (STS Credentials.AccessKeyId).</summary>
        AccessKeyId,

        /// <summary>16-128 of base64 characters [A-Za-z0-9+/=].</summary>
        SecretAccessKey,

        /// <summary>16-16384 of base64 characters; AWS sets no maximum, 16 KiB is four times the largest seen.</summary>
        SessionToken,

        /// <summary>A DNS label of lower-case letters, digits and '-' (what the SDKs accept as a region), or aws-global.</summary>
        Region,

        /// <summary>arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME with IAM's path and name characters.</summary>
        RoleArn,

        /// <summary>12 digits.</summary>
        AccountId,

        /// <summary>Any ARN of printable ASCII without spaces, up to 2048 characters (STS GetCallerIdentity.Arn).</summary>
        Arn,

        /// <summary>Printable ASCII without spaces, up to 2048 characters (GetCallerIdentity.UserId: ID or ID:session).</summary>
        UserId,

        /// <summary>The federation endpoint's SigninToken: URL-safe printable ASCII, up to 16384 characters.</summary>
        SigninToken,
    }
}
