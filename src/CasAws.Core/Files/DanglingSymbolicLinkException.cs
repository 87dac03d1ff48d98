using System.IO;

namespace CasAws.Files
{
    /// <summary>The file is a symbolic link whose target does not exist: writing would replace the link with a file.</summary>
    internal sealed class DanglingSymbolicLinkException : IOException
    {
        public DanglingSymbolicLinkException(string path, string target)
            : base($"'{path}' is a symbolic link to '{target}', which does not exist, so CasAws left the link unchanged. Create the target (or remove the link) and run the command again.")
        {
            FilePath = path;
        }

        public string FilePath { get; }
    }
}
