using System.IO;

namespace CasAws.Files
{
    /// <summary>Creates directories that only the current user can enter (0700 on Unix).</summary>
    internal static class PrivateDirectory
    {
        public static void Create(string path)
        {
#if NET8_0_OR_GREATER
            if (!System.OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                return;
            }
#endif
            Directory.CreateDirectory(path);
        }

        /// <summary>Creates the directory when missing and, on Unix, takes group and other access away from it.</summary>
        public static void Ensure(string path)
        {
            if (!Directory.Exists(path))
            {
                Create(path);
            }
#if NET8_0_OR_GREATER
            if (!System.OperatingSystem.IsWindows())
            {
                const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
                if (File.GetUnixFileMode(path) != ownerOnly)
                {
                    File.SetUnixFileMode(path, ownerOnly);
                }
            }
#endif
        }
    }
}
