using System;
using System.IO;

namespace CasAws.Cache
{
    /// <summary>
    /// Where CasAws keeps its private files (the credential cache for credential_process, lock files):
    /// %LOCALAPPDATA%\CasAws on Windows, $XDG_CACHE_HOME/casaws or ~/.cache/casaws elsewhere.
    /// CASAWS_CACHE_DIR moves it (tests use that to stay away from the real one).
    /// </summary>
    /// <remarks>Used by the module and the credential_process helper, which must agree on the place.</remarks>
    internal static class CacheDirectory
    {
        public const string OverrideVariable = "CASAWS_CACHE_DIR";

        public static string Resolve()
        {
            string? overridden = Environment.GetEnvironmentVariable(OverrideVariable);
            if (!string.IsNullOrEmpty(overridden))
            {
                return Path.GetFullPath(overridden);
            }

            if (Path.DirectorySeparatorChar == '\\')
            {
                return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "CasAws");
            }

            string? xdgCache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            string root = !string.IsNullOrEmpty(xdgCache) && Path.IsPathRooted(xdgCache)
                ? xdgCache
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(root, "casaws");
        }
    }
}
