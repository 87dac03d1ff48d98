using System.IO;

namespace CasAws.Files
{
    /// <summary>
    /// CasAws's private directories (the cache, lock files): created owner-only (0700 on Unix); an existing
    /// one is used only when the current user owns it and neither group nor others can write to it, as
    /// ssh treats ~/.ssh. CasAws never changes the mode of a directory it did not create.
    /// </summary>
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

        /// <summary>Creates the directory when missing, then checks that it is safe to keep secrets in.</summary>
        /// <exception cref="UntrustedDirectoryException">Another user owns it, or group or others may write to it.</exception>
        public static void Ensure(string path)
        {
            if (!Directory.Exists(path))
            {
                Create(path);
            }

            CheckTrusted(path);
        }

        /// <exception cref="UntrustedDirectoryException">Another user owns it, or group or others may write to it.</exception>
        public static void CheckTrusted(string path)
        {
            string? problem = Untrusted(path);
            if (problem != null)
            {
                throw new UntrustedDirectoryException(path, problem);
            }
        }

        /// <summary>Why another user could have planted or changed <paramref name="path"/> (a directory or a file, links followed); null when only its owner, the current user, can.</summary>
        public static string? Untrusted(string path)
        {
#if NET8_0_OR_GREATER
            if (System.OperatingSystem.IsWindows())
            {
                return null;
            }

            uint? owner = UnixFileStatus.OwnerOf(path);
            uint me = UnixFileStatus.CurrentUserId();
            if (owner != me)
            {
                return owner is null ? "its owner cannot be read" : $"it belongs to user id {owner}, not to you (user id {me})";
            }

            UnixFileMode mode = File.GetUnixFileMode(path);
            if ((mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
            {
                return $"group or others can write to it (mode {System.Convert.ToString((int)mode, 8).PadLeft(4, '0')})";
            }
#endif
            return null;
        }
    }
}
