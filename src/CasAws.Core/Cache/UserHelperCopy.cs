using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using CasAws.Files;

namespace CasAws.Cache
{
    /// <summary>
    /// The per-user copy of the credential_process helper that registered profiles run. An installed module
    /// lives in a versioned folder, which an update followed by uninstalling the old version removes; a
    /// credential_process line pointing there would break. The copy lives outside it, in CasAws's data
    /// directory (%LOCALAPPDATA%\CasAws\bin on Windows, $XDG_DATA_HOME/casaws/bin or ~/.local/share/casaws/bin
    /// elsewhere; CASAWS_DATA_DIR moves it), and each newer module version replaces it.
    /// </summary>
    internal static class UserHelperCopy
    {
        public const string OverrideVariable = "CASAWS_DATA_DIR";

        /// <summary>Where the copy is, whether or not it exists: the path credential_process lines name.</summary>
        public static string PathForCurrentUser() => Path.Combine(DataDirectory(), "bin", CredentialProcessHelper.FileName());

        /// <summary>Makes the copy current with this module's helper (see the overload).</summary>
        public static bool Refresh(string bundledHelper) => Refresh(bundledHelper, typeof(UserHelperCopy).Assembly.GetName().Version!);

        /// <summary>
        /// Copies the module's helper over the user's copy unless the copy came from this very file already or
        /// from a newer module version (an older version imported side by side must not downgrade it).
        /// The copy's stamp file (version, length, time, path of the source) says where it came from.
        /// Returns true when it copied.
        /// </summary>
        /// <exception cref="IOException">The copy cannot be written (a helper still running on Windows, a full disk).</exception>
        /// <exception cref="UnauthorizedAccessException">The data directory is not writable.</exception>
        public static bool Refresh(string bundledHelper, Version moduleVersion)
        {
            string copy = PathForCurrentUser();
            string stampPath = copy + ".source";
            var bundled = new FileInfo(bundledHelper);
            string stamp = string.Join(" ", moduleVersion.ToString(), bundled.Length.ToString(CultureInfo.InvariantCulture),
                bundled.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture), bundled.FullName);
            string? current = File.Exists(copy) && File.Exists(stampPath) ? File.ReadAllText(stampPath).Trim() : null;
            if (current == stamp || (current is not null && MadeByNewerVersion(current, moduleVersion)))
            {
                return false;
            }

            string directory = Path.GetDirectoryName(copy)!;
            PrivateDirectory.Ensure(Path.GetDirectoryName(directory)!);
            PrivateDirectory.Ensure(directory);
            AtomicFileWriter.Write(copy, File.ReadAllBytes(bundledHelper), FilePrivacy.OwnerExecutable);
            AtomicFileWriter.Write(stampPath, Encoding.UTF8.GetBytes(stamp + "\n"), FilePrivacy.OwnerOnly);
            return true;
        }

        private static bool MadeByNewerVersion(string stamp, Version moduleVersion)
        {
            string[] parts = stamp.Split(new[] { ' ' }, 2);
            return Version.TryParse(parts[0], out Version? stampVersion) && stampVersion > moduleVersion;
        }

        private static string DataDirectory()
        {
            string? overridden = Environment.GetEnvironmentVariable(OverrideVariable);
            if (!string.IsNullOrEmpty(overridden))
            {
                return Path.GetFullPath(overridden);
            }

            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "CasAws");
            }

            string? xdgData = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            string root = !string.IsNullOrEmpty(xdgData) && Path.IsPathRooted(xdgData)
                ? xdgData
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            return Path.Combine(root, "casaws");
        }
    }
}
