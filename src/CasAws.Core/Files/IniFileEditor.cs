using System;
using System.IO;
using System.Threading;

namespace CasAws.Files
{
    /// <summary>
    /// One locked read-modify-write of an AWS credentials or config file: take the cross-process lock,
    /// read and parse the current bytes, apply the change, and replace the file atomically only when
    /// the change altered something. Nothing is written when parsing or the change fails.
    /// </summary>
    internal static class IniFileEditor
    {
        /// <summary>How long a writer waits for another process's edit; the test writers wait longer (see CasAws.FileWriter).</summary>
        internal static TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Applies <paramref name="change"/>; returns whether the file was rewritten.</summary>
        /// <exception cref="AwsFileException">The file cannot be read, parsed or written; it is unchanged.</exception>
        public static bool Edit(string path, FilePrivacy privacy, Func<IniDocument, bool> change, CancellationToken cancellation)
        {
            try
            {
                using (CrossProcessLock.Acquire(path, LockTimeout, cancellation))
                {
                    IniDocument document = Read(path);
                    if (!change(document))
                    {
                        return false;
                    }

                    AtomicFileWriter.Write(path, document.ToBytes(), privacy);
                    return true;
                }
            }
            catch (IniFormatException exception)
            {
                throw new AwsFileException(path,
                    $"The file '{path}' was not changed because it cannot be read as an AWS profile file ({exception.Message}). Correct that line and run the command again.",
                    exception);
            }
            catch (IniValueUnsafeException exception)
            {
                throw new AwsFileException(path, $"The file '{path}' was not changed. {exception.Message}", exception);
            }
            catch (Exception exception) when (exception is ReadOnlyFileException || exception is DanglingSymbolicLinkException || exception is UntrustedDirectoryException)
            {
                throw new AwsFileException(path, $"The file '{path}' was not changed: {exception.Message}", exception);
            }
            catch (UnauthorizedAccessException exception)
            {
                throw new AwsFileException(path,
                    $"The file '{path}' was not changed: access was denied ({exception.Message}). Check that you own the file and its directory and can write to them.",
                    exception);
            }
            catch (IOException exception)
            {
                throw new AwsFileException(path,
                    $"The file '{path}' was not changed: {exception.Message} Check the path, free disk space and permissions, then run the command again.",
                    exception);
            }
        }

        /// <summary>Reads and parses without locking, to look before asking the user; errors say what to do.</summary>
        /// <exception cref="AwsFileException">The file cannot be read or parsed.</exception>
        public static IniDocument ReadForInspection(string path)
        {
            try
            {
                return Read(path);
            }
            catch (IniFormatException exception)
            {
                throw new AwsFileException(path,
                    $"The file '{path}' cannot be read as an AWS profile file ({exception.Message}). Correct that line and run the command again.",
                    exception);
            }
            catch (DanglingSymbolicLinkException exception)
            {
                throw new AwsFileException(path, exception.Message, exception);
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException)
            {
                throw new AwsFileException(path, $"The file '{path}' cannot be read: {exception.Message}", exception);
            }
        }

        private static IniDocument Read(string path)
        {
            path = AtomicFileWriter.ResolveSymbolicLink(Path.GetFullPath(path));
            byte[] content = File.Exists(path) ? File.ReadAllBytes(path) : Array.Empty<byte>();
            return IniDocument.Parse(content, Environment.NewLine);
        }
    }
}
