using System;
using System.IO;
using System.Text;
using CasAws.Connections;

namespace CasAws.Aws
{
    /// <summary>
    /// A browser profile of CasAws's own per role, so two roles' console sessions stay side by side: a
    /// Chromium-family browser (Chrome, Chromium, Edge, Brave, Vivaldi) gets its own --user-data-dir (its own
    /// process, cookies and multi-session opt-in), Firefox its own --profile folder. The folders live under
    /// CasAws's settings directory, in browser-profiles/, created owner-only.
    /// </summary>
    internal sealed class BrowserProfile
    {
        public const string ProfilesFolder = "browser-profiles";

        private BrowserProfile(string name, string directory)
        {
            Name = name;
            Directory = directory;
        }

        /// <summary>The profile's folder name (made safe from the template).</summary>
        public string Name { get; }

        public string Directory { get; }

        /// <summary>
        /// The profile for a role from a name that may hold {AccountId} and {RoleName}; characters other than
        /// letters, digits, '.', '_' and '-' become '-', so the name is one folder on every system.
        /// </summary>
        /// <exception cref="ArgumentException">The template gives an empty name, or one made only of dots.</exception>
        public static BrowserProfile ForRole(string template, string roleArn)
        {
            string role = AwsArn.RoleArnFromAssumedRole(roleArn) ?? roleArn;
            string name = template
                .Replace("{AccountId}", AwsArn.AccountOf(role) ?? "unknown-account")
                .Replace("{RoleName}", AwsArn.TryParseRole(role, out _, out _, out _, out string roleName) ? roleName : "unknown-role");
            var safe = new StringBuilder(name.Length);
            foreach (char c in name)
            {
                safe.Append(c < 128 && (char.IsLetterOrDigit(c) || c == '.' || c == '_' || c == '-') ? c : '-');
            }

            string folder = safe.ToString();
            if (folder.Trim('.').Length == 0 || folder.Length > 100)
            {
                throw new ArgumentException("-BrowserProfile '" + template + "' does not give a usable folder name (1 to 100 letters, digits, '.', '_' or '-', not only dots).");
            }

            return new BrowserProfile(folder, Path.Combine(ConfigDirectory.Resolve(), ProfilesFolder, folder));
        }

        /// <summary>The arguments that open <paramref name="url"/> in this profile in <paramref name="browser"/>.</summary>
        /// <exception cref="ArgumentException">The browser is neither Chromium-family nor Firefox (by its file name).</exception>
        public string ArgumentsFor(string browser, Uri url)
        {
            // Paths are quoted; a folder under the settings directory holds no quote (checked) and the URL is percent-encoded.
            if (Directory.IndexOf('"') >= 0)
            {
                throw new ArgumentException("The browser profile folder '" + Directory + "' holds a quote character; set CASAWS_CONFIG_DIR to a plain path.");
            }

            switch (FamilyOf(browser))
            {
                case BrowserFamily.Chromium:
                    return "--user-data-dir=\"" + Directory + "\" --no-first-run --no-default-browser-check \"" + url.AbsoluteUri + "\"";
                case BrowserFamily.Firefox:
                    // --new-instance: a Firefox already running with another profile would otherwise take the URL.
                    return "--new-instance --profile \"" + Directory + "\" \"" + url.AbsoluteUri + "\"";
                default:
                    throw new ArgumentException("-BrowserProfile needs a Chromium-family browser (chrome, chromium, msedge, brave, vivaldi) or Firefox, by -Browser or BROWSER; '"
                        + browser + "' is neither.");
            }
        }

        /// <summary>Which family a browser command is, by its file name.</summary>
        public static BrowserFamily FamilyOf(string browser)
        {
            string file = Path.GetFileNameWithoutExtension(browser.Trim()).ToLowerInvariant();
            if (file.Contains("firefox") || file.Contains("librewolf"))
            {
                return BrowserFamily.Firefox;
            }

            foreach (string chromium in new[] { "chrome", "chromium", "msedge", "microsoft-edge", "brave", "vivaldi" })
            {
                if (file.Contains(chromium))
                {
                    return BrowserFamily.Chromium;
                }
            }

            return BrowserFamily.Unknown;
        }
    }

    internal enum BrowserFamily
    {
        Unknown,
        Chromium,
        Firefox,
    }
}
