using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using CasAws.Cache;

namespace CasAws.Files
{
    /// <summary>
    /// An exclusive lock on a file path shared by every process of the user, so that concurrent
    /// read-modify-write cycles on ~/.aws/credentials never lose each other's profiles.
    /// </summary>
    /// <remarks>
    /// The lock is an open lock file with FileShare.None (an flock(2) on Unix, a sharing lock on
    /// Windows), which the OS releases when the holder exits or crashes, so a killed writer never
    /// leaves the file locked. Lock files live in CasAws's private directory, not beside the user's files.
    /// </remarks>
    internal sealed class CrossProcessLock : IDisposable
    {
        private readonly FileStream _stream;

        private CrossProcessLock(FileStream stream) => _stream = stream;

        public static CrossProcessLock Acquire(string protectedFile, TimeSpan timeout, CancellationToken cancellation)
        {
            string lockPath = LockPath(protectedFile);
            var random = new Random();
            DateTime giveUpAt = DateTime.UtcNow + timeout;
            while (true)
            {
                cancellation.ThrowIfCancellationRequested();
                CrossProcessLock? acquired = TryOpen(lockPath);
                if (acquired is not null)
                {
                    return acquired;
                }

                if (DateTime.UtcNow >= giveUpAt)
                {
                    throw new TimeoutException(
                        $"Another process has been editing '{protectedFile}' for more than {timeout.TotalSeconds:0} seconds. Try again; if it keeps happening, look for a hung PowerShell session.");
                }

                cancellation.WaitHandle.WaitOne(random.Next(5, 25));
            }
        }

        /// <summary>The lock when no other process holds it, else null at once.</summary>
        public static CrossProcessLock? TryAcquire(string protectedFile) => TryOpen(LockPath(protectedFile));

        public void Dispose() => _stream.Dispose();

        /// <summary>The lock file that guards <paramref name="protectedFile"/>, in CasAws's private directory (created on the way).</summary>
        internal static string LockPath(string protectedFile)
        {
            string directory = Path.Combine(CacheDirectory.Resolve(), "locks");
            PrivateDirectory.Ensure(CacheDirectory.Resolve());
            PrivateDirectory.Ensure(directory);
            return Path.Combine(directory, LockName(protectedFile));
        }

        private static CrossProcessLock? TryOpen(string lockPath)
        {
            try
            {
                return new CrossProcessLock(OpenOwnerOnly(lockPath));
            }
            catch (IOException exception) when (!(exception is FileNotFoundException || exception is DirectoryNotFoundException || exception is PathTooLongException))
            {
                return null;
            }
        }

        /// <summary>The lock file holds nothing, but like everything in the private directory it is the user's alone (0600).</summary>
        private static FileStream OpenOwnerOnly(string lockPath)
        {
#if NET8_0_OR_GREATER
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                options.UnixCreateMode = ownerOnly;
                var stream = new FileStream(lockPath, options);
                if (File.GetUnixFileMode(stream.SafeFileHandle) != ownerOnly)
                {
                    File.SetUnixFileMode(stream.SafeFileHandle, ownerOnly);   // a lock file left by an older version
                }

                return stream;
            }

            return new FileStream(lockPath, options);
#else
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
#endif
        }

        private static string LockName(string protectedFile)
        {
            string fullPath = Path.GetFullPath(protectedFile);
            if (Path.DirectorySeparatorChar == '\\')
            {
                fullPath = fullPath.ToUpperInvariant();
            }

            using var sha = SHA256.Create();
            byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(fullPath));
            var name = new StringBuilder();
            for (int i = 0; i < 16; i++)
            {
                name.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return name.Append(".lock").ToString();
        }
    }
}
