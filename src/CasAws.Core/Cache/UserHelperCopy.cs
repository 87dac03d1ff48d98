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
    /// elsewhere; CASAWS_DATA_DIR moves it), and each newer module version replaces it. The SHA-256 of the
    /// copy is recorded beside it when it is written: a copy whose content no longer matches (changed since,
    /// or never recorded) is not trusted, whatever its version stamp claims, and is replaced.
    /// </summary>
    /// <summary>What <see cref="UserHelperCopy.Refresh(string)"/> did.</summary>
    internal enum HelperCopyOutcome
    {
        /// <summary>The copy is intact and current (or an intact copy from a newer version).</summary>
        Unchanged,

        /// <summary>There was no copy, or one from an older version or another install: it was written.</summary>
        Copied,

        /// <summary>The copy's content was not what CasAws had written (or had no recorded hash): it was replaced.</summary>
        Repaired,
    }

    internal static class UserHelperCopy
    {
        public const string OverrideVariable = "CASAWS_DATA_DIR";

        /// <summary>Where the copy is, whether or not it exists: the path credential_process lines name.</summary>
        public static string PathForCurrentUser() => Path.Combine(DataDirectory(), "bin", CredentialProcessHelper.FileName());

        /// <summary>Makes the copy current with this module's helper (see the overload).</summary>
        public static HelperCopyOutcome Refresh(string bundledHelper) => Refresh(bundledHelper, typeof(UserHelperCopy).Assembly.GetName().Version!);

        /// <summary>True when <paramref name="path"/> is the user's copy and its content is not the one recorded beside it.</summary>
        public static bool IsModifiedCopy(string path) =>
            string.Equals(Path.GetFullPath(path), Path.GetFullPath(PathForCurrentUser()), PathComparison) && File.Exists(path) && !IsIntact(path);

        /// <summary>The copy's content has the SHA-256 recorded beside it when CasAws wrote it.</summary>
        private static bool IsIntact(string copy)
        {
            string hashPath = copy + HashSuffix;
            return File.Exists(hashPath) && string.Equals(File.ReadAllText(hashPath).Trim(), Sha256Of(File.ReadAllBytes(copy)), StringComparison.Ordinal);
        }

        /// <summary>
        /// Copies the module's helper over the user's copy unless the copy, intact, came from this very file
        /// already or from a newer module version (an older version imported side by side must not downgrade it).
        /// The copy's stamp file (version, length, time, path of the source) says where it came from; the hash
        /// file, that it is still what was written.
        /// </summary>
        /// <exception cref="IOException">The copy cannot be written (a helper still running on Windows, a full disk).</exception>
        /// <exception cref="UnauthorizedAccessException">The data directory is not writable.</exception>
        public static HelperCopyOutcome Refresh(string bundledHelper, Version moduleVersion)
        {
            string copy = PathForCurrentUser();
            string stampPath = copy + ".source";
            var bundled = new FileInfo(bundledHelper);
            string stamp = string.Join(" ", moduleVersion.ToString(), bundled.Length.ToString(CultureInfo.InvariantCulture),
                bundled.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture), bundled.FullName);
            bool exists = File.Exists(copy);
            bool intact = exists && IsIntact(copy);
            string? current = intact && File.Exists(stampPath) ? File.ReadAllText(stampPath).Trim() : null;
            if (current == stamp || (current is not null && MadeByNewerVersion(current, moduleVersion)))
            {
                return HelperCopyOutcome.Unchanged;
            }

            string directory = Path.GetDirectoryName(copy)!;
            PrivateDirectory.Ensure(Path.GetDirectoryName(directory)!);
            PrivateDirectory.Ensure(directory);
            byte[] content = File.ReadAllBytes(bundledHelper);
            AtomicFileWriter.Write(copy, content, FilePrivacy.OwnerExecutable);
            AtomicFileWriter.Write(copy + HashSuffix, Encoding.ASCII.GetBytes(Sha256Of(content) + "\n"), FilePrivacy.OwnerOnly);
            AtomicFileWriter.Write(stampPath, Encoding.UTF8.GetBytes(stamp + "\n"), FilePrivacy.OwnerOnly);
            return exists && !intact ? HelperCopyOutcome.Repaired : HelperCopyOutcome.Copied;
        }

        private const string HashSuffix = ".sha256";

        private static StringComparison PathComparison => RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

        private static string Sha256Of(byte[] content)
        {
            using (var sha = System.Security.Cryptography.SHA256.Create())
            {
                return BitConverter.ToString(sha.ComputeHash(content)).Replace("-", string.Empty).ToLowerInvariant();
            }
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
