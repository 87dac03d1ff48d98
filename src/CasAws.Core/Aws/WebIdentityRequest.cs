using System;

namespace CasAws.Aws
{
    /// <summary>An AssumeRoleWithWebIdentity call: unsigned, the id_token is the only proof.</summary>
    internal sealed class WebIdentityRequest
    {
        public WebIdentityRequest(string roleArn, string roleSessionName, string webIdentityToken, TimeSpan duration)
        {
            RoleArn = roleArn;
            RoleSessionName = roleSessionName;
            WebIdentityToken = webIdentityToken;
            Duration = duration;
        }

        public string RoleArn { get; }

        public string RoleSessionName { get; }

        /// <summary>The id_token; a bearer credential that must never reach a message.</summary>
        public string WebIdentityToken { get; }

        public TimeSpan Duration { get; }

        public override string ToString() => "AssumeRoleWithWebIdentity " + RoleArn + " as " + RoleSessionName;
    }
}
