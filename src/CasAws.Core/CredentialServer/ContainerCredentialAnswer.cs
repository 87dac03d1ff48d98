using System;
using System.Globalization;
using System.Text;
using CasAws.Browser;
using CasAws.Credentials;
using CasAws.Json;

namespace CasAws.CredentialServer
{
    /// <summary>
    /// What the endpoint answers one request, by the AWS container-credentials protocol: 200 with the keys as
    /// JSON, or at once a short plain sentence that the SDKs show (botocore quotes the body), never a wait.
    /// </summary>
    internal sealed class ContainerCredentialAnswer
    {
        /// <summary>Keys with less life than this are not handed out: an SDK refuses keys that are expired on arrival.</summary>
        internal static readonly TimeSpan MinimumLife = TimeSpan.FromSeconds(30);

        private ContainerCredentialAnswer(string status, string body, string contentType)
        {
            Status = status;
            Body = body;
            ContentType = contentType;
        }

        public string Status { get; }

        public string Body { get; }

        public string ContentType { get; }

        public bool Served => Status.StartsWith("200", StringComparison.Ordinal);

        /// <param name="path">The path the endpoint serves at.</param>
        /// <param name="token">The Authorization value every request must carry (compared in constant time).</param>
        /// <param name="anotherUser">True when the connection is known to come from another local user.</param>
        /// <param name="current">The keys to serve, read from memory.</param>
        /// <param name="unavailable">Why there is nothing to serve, when the keys are too old (what to run).</param>
        public static ContainerCredentialAnswer For(LoopbackRequest request, string path, string token, bool anotherUser,
            Func<CasAwsCredential> current, Func<string> unavailable, DateTime utcNow)
        {
            if (anotherUser) return Text("403 Forbidden", "CasAws serves these credentials only to the user who started the endpoint.");
            if (request.Path != path) return Text("404 Not Found", "Nothing here; AWS_CONTAINER_CREDENTIALS_FULL_URI names the path.");
            if (request.Method != "GET") return Text("405 Method Not Allowed", "Use GET.");
            if (string.IsNullOrEmpty(request.Authorization))
            {
                return Text("401 Unauthorized", "No Authorization header: set AWS_CONTAINER_AUTHORIZATION_TOKEN to the token Start-CasAwsCredentialServer gave.");
            }

            if (!Unguessable.Equal(request.Authorization, token))
            {
                return Text("403 Forbidden", "Wrong authorization token: this endpoint was started with another AWS_CONTAINER_AUTHORIZATION_TOKEN.");
            }

            CasAwsCredential credential = current();
            if (credential.Expiration - utcNow < MinimumLife) return Text("503 Service Unavailable", unavailable());
            return new ContainerCredentialAnswer("200 OK", Json(credential), "application/json");
        }

        private static ContainerCredentialAnswer Text(string status, string sentence) =>
            new ContainerCredentialAnswer(status, sentence, "text/plain; charset=utf-8");

        private static string Json(CasAwsCredential credential)
        {
            var json = new StringBuilder(1024);
            json.Append("{\"AccessKeyId\":").Append(JsonText.Quote(credential.AccessKey))
                .Append(",\"SecretAccessKey\":").Append(JsonText.Quote(credential.SecretKey))
                .Append(",\"Token\":").Append(JsonText.Quote(credential.SessionToken))
                .Append(",\"Expiration\":").Append(JsonText.Quote(credential.Expiration.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
            if (!string.IsNullOrEmpty(credential.AccountId)) json.Append(",\"AccountId\":").Append(JsonText.Quote(credential.AccountId!));
            return json.Append('}').ToString();
        }
    }
}
