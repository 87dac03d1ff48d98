using System;
using System.Collections.Generic;
using System.Text;
using CasAws.Json;
using CasAws.Validation;

namespace CasAws.Oidc
{
    /// <summary>
    /// The payload of an id_token received straight from CAS's token endpoint over TLS (OpenID Connect Core
    /// 3.1.3.7 lets such a client rely on TLS instead of the signature; AWS checks the signature itself).
    /// The checks a client must still make are here: iss, aud (and azp), exp, nonce.
    /// </summary>
    internal sealed class IdTokenClaims
    {
        private IdTokenClaims(IReadOnlyDictionary<string, object?> claims, DateTime expiresUtc)
        {
            All = claims;
            ExpiresUtc = expiresUtc;
            Subject = JsonText.Text(claims, "sub") ?? string.Empty;
            UserName = TerminalText.Visible(JsonText.Text(claims, "preferred_username") ?? Subject);
        }

        public IReadOnlyDictionary<string, object?> All { get; }

        public string Subject { get; }

        /// <summary>preferred_username, else sub, with control characters made visible: what is shown, and what the role session is named after.</summary>
        public string UserName { get; }

        public DateTime ExpiresUtc { get; }

        /// <summary>Reads the payload; a FormatException says which rule failed (never quoting the token).</summary>
        public static IdTokenClaims Read(string idToken)
        {
            string[] parts = idToken.Split('.');
            if (parts.Length != 3) throw new FormatException("it is not a signed JWT (three dot-separated parts)");
            byte[]? payload = Base64UrlDecode(parts[1]);
            if (payload == null) throw new FormatException("its payload is not base64url");
            IReadOnlyDictionary<string, object?> claims = PlatformJson.ParseObject(Encoding.UTF8.GetString(payload));
            long? exp = JsonText.Number(claims, "exp") ?? throw new FormatException("it has no exp claim");
            if (exp.Value < 0) throw new FormatException("its exp claim is before 1970");
            if (string.IsNullOrEmpty(JsonText.Text(claims, "sub"))) throw new FormatException("it has no sub claim");
            return new IdTokenClaims(claims, Epoch.AddSeconds(Math.Min(exp.Value, 253402300799L)));
        }

        /// <summary>Null when the token is for this login; else what is wrong.</summary>
        public string? Problem(string issuer, string clientId, string? nonce, DateTime utcNow)
        {
            string? iss = JsonText.Text(All, "iss");
            if (!string.Equals(iss?.TrimEnd('/'), issuer, StringComparison.Ordinal)) return "its issuer is not " + issuer;
            IReadOnlyList<string>? audiences = JsonText.Strings(All, "aud");
            if (audiences == null || !Contains(audiences, clientId)) return "it is not for client id " + clientId;
            if (audiences.Count > 1 && JsonText.Text(All, "azp") != clientId) return "it names several audiences and another authorized party";
            if (ExpiresUtc <= utcNow) return "it has already expired";
            if (nonce != null && JsonText.Text(All, "nonce") != nonce) return "its nonce is not the one this login sent (a replayed or injected token)";
            return null;
        }

        /// <summary>The values of a claim (one string or an array of strings), or null when absent.</summary>
        public IReadOnlyList<string>? Values(string claim) => JsonText.Strings(All, claim);

        private static bool Contains(IReadOnlyList<string> values, string wanted)
        {
            foreach (string value in values)
            {
                if (string.Equals(value, wanted, StringComparison.Ordinal)) return true;
            }

            return false;
        }

        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        internal static byte[]? Base64UrlDecode(string text)
        {
            string standard = text.Replace('-', '+').Replace('_', '/');
            switch (standard.Length % 4)
            {
                case 2: standard += "=="; break;
                case 3: standard += "="; break;
                case 1: return null;
            }

            try
            {
                return Convert.FromBase64String(standard);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        internal static string Base64UrlEncode(byte[] bytes) =>
            Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
