using System.Collections.Concurrent;

namespace CasAws.Connections
{
    /// <summary>
    /// The aliases IAM's ListAccountAliases answered in this process, per CAS server and account, so each account
    /// is asked at most once. An account IAM said has no alias is remembered as an empty string.
    /// </summary>
    internal static class ResolvedAccountAliases
    {
        private static readonly ConcurrentDictionary<string, string> Answers = new ConcurrentDictionary<string, string>();

        /// <summary>The alias IAM gave; null when IAM was not asked or gave none.</summary>
        public static string? Find(string serverKey, string accountId) =>
            Answers.TryGetValue(Key(serverKey, accountId), out string? alias) && alias.Length > 0 ? alias : null;

        public static bool WasAsked(string serverKey, string accountId) => Answers.ContainsKey(Key(serverKey, accountId));

        public static void Remember(string serverKey, string accountId, string? alias) => Answers[Key(serverKey, accountId)] = alias ?? string.Empty;

        internal static void Clear() => Answers.Clear();

        private static string Key(string serverKey, string accountId) => serverKey + "\n" + accountId;
    }
}
