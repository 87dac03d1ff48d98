using System;
using System.Collections.Generic;
using System.Linq;

namespace CasAws.Files
{
    /// <summary>
    /// What CasAws changed in a profile section, kept in the section itself: 'x_casaws_added' lists the keys
    /// it added, 'x_casaws_replaced_KEY' holds a value of the user's it replaced or removed. Undoing the
    /// change gives the user back exactly their own settings and drops the section only when nothing of
    /// theirs is left in it.
    /// </summary>
    internal static class ProfileChangeRecord
    {
        public const string AddedKey = "x_casaws_added";
        public const string ReplacedPrefix = "x_casaws_replaced_";

        /// <summary>What a section marked before the record existed is taken to hold of CasAws's.</summary>
        private static readonly string[] LegacyAdded = { "credential_process", "region" };

        /// <summary>
        /// The record to write with <paramref name="values"/> (and the removal of <paramref name="removing"/>),
        /// judged from the section as it is now (<paramref name="existing"/>, null when missing). Keys CasAws
        /// added earlier stay its own; a value of the user's is recorded once, the first time it is replaced.
        /// </summary>
        public static IEnumerable<KeyValuePair<string, string>> For(IReadOnlyDictionary<string, string>? existing,
            IEnumerable<KeyValuePair<string, string>> values, IEnumerable<string> removing)
        {
            var added = new List<string>(existing is null ? Enumerable.Empty<string>() : AddedKeys(existing));
            var record = new List<KeyValuePair<string, string>>();
            var setting = new HashSet<string>(values.Select(pair => pair.Key), StringComparer.OrdinalIgnoreCase);
            foreach (string key in setting.Concat(removing.Where(key => !setting.Contains(key))))
            {
                if (key.Equals(AwsProfileSection.ManagedKey, StringComparison.OrdinalIgnoreCase) || Contains(added, key))
                {
                    continue;
                }

                if (existing is not null && existing.TryGetValue(key, out string? userValue))
                {
                    if (!existing.ContainsKey(ReplacedPrefix + key))
                    {
                        record.Add(new KeyValuePair<string, string>(ReplacedPrefix + key, userValue));
                    }
                }
                else if (setting.Contains(key))
                {
                    added.Add(key);
                }
            }

            added.RemoveAll(key => !setting.Contains(key) && removing.Contains(key, StringComparer.OrdinalIgnoreCase));
            record.Add(new KeyValuePair<string, string>(AddedKey, string.Join(",", added)));
            return record;
        }

        /// <summary>
        /// Removes what CasAws added, puts back the values it replaced, and removes the section when no key
        /// is left in it. Returns whether the document changed.
        /// </summary>
        public static bool Undo(IniDocument document, Func<string, bool> section)
        {
            IReadOnlyDictionary<string, string>? existing = document.ReadSection(section);
            if (existing is null)
            {
                return false;
            }

            var restore = new List<KeyValuePair<string, string>>();
            var remove = new List<string>(AddedKeys(existing)) { AddedKey, AwsProfileSection.ManagedKey };
            foreach (KeyValuePair<string, string> pair in existing)
            {
                if (pair.Key.StartsWith(ReplacedPrefix, StringComparison.OrdinalIgnoreCase))
                {
                    remove.Add(pair.Key);
                    restore.Add(new KeyValuePair<string, string>(pair.Key.Substring(ReplacedPrefix.Length), pair.Value));
                }
            }

            remove.RemoveAll(key => restore.Any(pair => pair.Key.Equals(key, StringComparison.OrdinalIgnoreCase)));
            bool changed = document.SetKeys(section, string.Empty, restore, remove);
            if (document.ReadSection(section)!.Count == 0)
            {
                return document.RemoveSection(section) || changed;
            }

            return changed;
        }

        private static IEnumerable<string> AddedKeys(IReadOnlyDictionary<string, string> existing)
        {
            if (existing.TryGetValue(AddedKey, out string? added))
            {
                return added.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(key => key.Trim());
            }

            return existing.ContainsKey(AwsProfileSection.ManagedKey) ? LegacyAdded : Enumerable.Empty<string>();
        }

        private static bool Contains(IEnumerable<string> keys, string key) => keys.Contains(key, StringComparer.OrdinalIgnoreCase);
    }
}
