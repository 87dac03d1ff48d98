using System;
using System.IO;
using System.Threading;

namespace CasAws.Files
{
    /// <summary>
    /// Replaces a file's content atomically: the bytes go to a temporary file in the same directory
    /// (created owner-only), are flushed to disk, and the temporary file is renamed over the target.
    /// A crash at any moment leaves either the old file or the new one, never a half-written one.
    /// A read-only target and a link to nothing are refused rather than replaced; on Windows the
    /// replaced file keeps its ACL.
    /// </summary>
    internal static class AtomicFileWriter
    {
        /// <summary>Test seam: runs after the temporary file is complete and before the rename.</summary>
        internal static Action<string>? BeforeRenameForTests;

        public static void Write(string path, byte[] content, FilePrivacy privacy)
        {
            string target = ResolveSymbolicLink(Path.GetFullPath(path));
            RefuseReadOnly(target);
            string directory = Path.GetDirectoryName(target)!;
            if (!Directory.Exists(directory))
            {
                PrivateDirectory.Create(directory);
            }

            RemoveAbandonedTemporaryFiles(directory, Path.GetFileName(target));
            string temporary = Path.Combine(directory, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
            try
            {
                using (FileStream stream = CreateOwnerOnly(temporary))
                {
                    stream.Write(content, 0, content.Length);
                    stream.Flush(flushToDisk: true);
                }

                ApplyMode(temporary, target, privacy);
                BeforeRenameForTests?.Invoke(temporary);
                Rename(temporary, target);
            }
            catch
            {
                TryDelete(temporary);
                throw;
            }
        }

        /// <summary>
        /// A dotfiles user's ~/.aws/credentials may be a link: write where it points, and keep the link.
        /// A link whose target is missing is refused: the rename would replace the link with a plain file.
        /// </summary>
        /// <exception cref="DanglingSymbolicLinkException">The link's target does not exist.</exception>
        internal static string ResolveSymbolicLink(string path)
        {
#if NET8_0_OR_GREATER
            var link = new FileInfo(path);
            if (link.LinkTarget is null)
            {
                return path;
            }

            FileSystemInfo? target = link.ResolveLinkTarget(returnFinalTarget: true);
            if (target is null || !target.Exists)
            {
                throw new DanglingSymbolicLinkException(path, target?.FullName ?? link.LinkTarget);
            }

            return target.FullName;
#else
            return path;
#endif
        }

        /// <summary>A file the user made read-only (0400, or the Windows read-only attribute) is theirs to protect: never rewritten nor re-moded.</summary>
        private static void RefuseReadOnly(string target)
        {
            if (!File.Exists(target))
            {
                return;
            }

#if NET8_0_OR_GREATER
            if (!OperatingSystem.IsWindows())
            {
                if ((File.GetUnixFileMode(target) & UnixFileMode.UserWrite) == 0)
                {
                    throw new ReadOnlyFileException(target);
                }

                return;
            }
#endif
            if ((File.GetAttributes(target) & FileAttributes.ReadOnly) != 0)
            {
                throw new ReadOnlyFileException(target);
            }
        }

        private static FileStream CreateOwnerOnly(string path)
        {
#if NET8_0_OR_GREATER
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            return new FileStream(path, options);
#else
            return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
#endif
        }

        private static void ApplyMode(string temporary, string target, FilePrivacy privacy)
        {
#if NET8_0_OR_GREATER
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            if (privacy == FilePrivacy.KeepExistingOrOwnerOnly && File.Exists(target))
            {
                mode = File.GetUnixFileMode(target);
            }
            else if (privacy == FilePrivacy.OwnerExecutable)
            {
                mode |= UnixFileMode.UserExecute;
            }

            File.SetUnixFileMode(temporary, mode);
#endif
        }

        private static bool IsWindows => Path.DirectorySeparatorChar == '\\';

        private static void Rename(string temporary, string target)
        {
            // On Windows a reader holding the file open without FILE_SHARE_DELETE makes the rename fail for
            // a moment; a few short retries ride that out. On Unix rename(2) does not care about readers.
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    if (IsWindows && File.Exists(target))
                    {
                        // ReplaceFile keeps the replaced file's ACL (and attributes, streams); a plain move
                        // would give the user's file the directory's inherited ACL instead.
                        File.Replace(temporary, target, destinationBackupFileName: null, ignoreMetadataErrors: true);
                    }
                    else
                    {
#if NET8_0_OR_GREATER
                        File.Move(temporary, target, overwrite: true);
#else
                        File.Move(temporary, target);
#endif
                    }

                    return;
                }
                catch (IOException) when (attempt < 5 && IsWindows)
                {
                    Thread.Sleep(50 * attempt);
                }
            }
        }

        /// <summary>A writer killed between creating its temporary file and the rename leaves it behind: tidy up old ones.</summary>
        private static void RemoveAbandonedTemporaryFiles(string directory, string fileName)
        {
            DateTime abandonedBefore = DateTime.UtcNow - TimeSpan.FromMinutes(10);
            foreach (string path in Directory.GetFiles(directory, "." + fileName + ".????????????.tmp"))
            {
                if (File.GetLastWriteTimeUtc(path) < abandonedBefore)
                {
                    TryDelete(path);
                }
            }
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
