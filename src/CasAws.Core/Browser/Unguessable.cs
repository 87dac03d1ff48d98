using System.Security.Cryptography;

namespace CasAws.Browser
{
    /// <summary>Random values nobody can guess (page paths, state, nonce, PKCE verifier, cookies) and their comparison.</summary>
    internal static class Unguessable
    {
        /// <summary>256 random bits as base64url (43 characters, safe in a URL path, a query and a cookie).</summary>
        public static string New()
        {
            var bytes = new byte[32];
            using (RandomNumberGenerator random = RandomNumberGenerator.Create())
            {
                random.GetBytes(bytes);
            }

            return System.Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }

        /// <summary>Compares in time that does not depend on where the values differ, so a local prober learns nothing by timing.</summary>
        public static bool Equal(string? received, string expected)
        {
            if (received == null || received.Length != expected.Length) return false;
            int difference = 0;
            for (int i = 0; i < expected.Length; i++) difference |= received[i] ^ expected[i];
            return difference == 0;
        }
    }
}
