using System.IO;

namespace CasAws.Files
{
    /// <summary>
    /// A private directory CasAws did not create is owned by someone else or writable by group or others,
    /// so CasAws does not keep secrets or locks in it (as ssh treats ~/.ssh). Its mode is left as it is.
    /// </summary>
    internal sealed class UntrustedDirectoryException : IOException
    {
        public UntrustedDirectoryException(string path, string reason)
            : base($"CasAws does not use '{path}' for its private files: {reason}. Use a directory that only you own and can write (for example 'chmod go-w' on it), or point CASAWS_CACHE_DIR at one.")
        {
            DirectoryPath = path;
        }

        public string DirectoryPath { get; }
    }
}
