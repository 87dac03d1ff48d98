using System;
using System.IO;

namespace CasAws.Files
{
    /// <summary>
    /// Finds out, before a login is spent, whether a file could be replaced the way
    /// <see cref="AtomicFileWriter"/> replaces it: a temporary file created (and at once deleted) beside
    /// it, and the file itself opened for writing. Nothing in the file changes.
    /// </summary>
    internal static class WritabilityProbe
    {
        /// <exception cref="AwsFileException">The file or its directory cannot be written; the message says what to check.</exception>
        public static void Check(string path)
        {
            string target = Path.GetFullPath(path);
            try
            {
                if (Directory.Exists(target))
                {
                    throw new IOException("it is a directory");
                }

                if (File.Exists(target))
                {
                    using (new FileStream(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
                    {
                    }
                }

                // The writer creates missing directories: what must be writable is the nearest one that exists.
                string directory = Path.GetDirectoryName(target)!;
                while (!Directory.Exists(directory))
                {
                    if (File.Exists(directory))
                    {
                        throw new IOException($"'{directory}' is a file, not a directory");
                    }

                    directory = Path.GetDirectoryName(directory) ?? throw new IOException("no directory of the path exists");
                }

                string probe = Path.Combine(directory, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".probe");
                using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
                {
                }
            }
            catch (Exception exception) when (exception is UnauthorizedAccessException || exception is IOException)
            {
                throw new AwsFileException(path,
                    $"The file '{path}' could not be written ({exception.Message}), so nothing was asked of CAS. Check that you own the file and its directory and can write to them, or pass another file with -ProfileLocation.",
                    exception);
            }
        }
    }
}
