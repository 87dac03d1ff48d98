using System;
using System.IO;

namespace CasAws.Connections
{
    /// <summary>
    /// Where CasAws keeps its settings: %APPDATA%\CasAws on Windows, $XDG_CONFIG_HOME/casaws or
    /// ~/.config/casaws elsewhere (macOS too: a terminal tool's settings live there). CASAWS_CONFIG_DIR moves it.
    /// </summary>
    internal static class ConfigDirectory
    {
        public const string OverrideVariable = "CASAWS_CONFIG_DIR";

        public static string Resolve()
        {
            string? overridden = Environment.GetEnvironmentVariable(OverrideVariable);
            if (!string.IsNullOrEmpty(overridden))
            {
                return Path.GetFullPath(overridden);
            }

            if (Path.DirectorySeparatorChar == '\\')
            {
                return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "CasAws");
            }

            string? xdgConfig = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
            string root = !string.IsNullOrEmpty(xdgConfig) && Path.IsPathRooted(xdgConfig)
                ? xdgConfig
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
            return Path.Combine(root, "casaws");
        }
    }
}
