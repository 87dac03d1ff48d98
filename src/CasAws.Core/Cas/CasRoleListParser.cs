using System;
using System.Collections.Generic;

namespace CasAws.Cas
{
    /// <summary>
    /// Reads the role list CAS appends to its 401 texts: Java's List.toString(), '[' + values joined
    /// by ", " + ']'. Role names may hold ',' but never a space, so ", " is a safe separator.
    /// </summary>
    internal static class CasRoleListParser
    {
        /// <summary>The ARNs in the server's order, or null when the text is not such a list.</summary>
        public static IReadOnlyList<string>? TryParse(string text)
        {
            string list = text.Trim();
            if (list.Length < 2 || list[0] != '[' || list[list.Length - 1] != ']') return null;
            string inner = list.Substring(1, list.Length - 2).Trim();
            var roles = new List<string>();
            if (inner.Length == 0) return roles;
            foreach (string item in inner.Split(new[] { ", " }, StringSplitOptions.None))
            {
                string role = item.Trim();
                if (role.Length == 0) return null;
                roles.Add(role);
            }

            return roles;
        }
    }
}
