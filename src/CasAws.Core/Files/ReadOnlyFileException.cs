using System.IO;

namespace CasAws.Files
{
    /// <summary>The file is read-only: CasAws does not replace it (nor change its mode) behind the user's back.</summary>
    internal sealed class ReadOnlyFileException : IOException
    {
        public ReadOnlyFileException(string path)
            : base($"'{path}' is read-only, so CasAws left it unchanged. Make it writable (for example 'chmod u+w') if CasAws should edit it, or choose another file.")
        {
            FilePath = path;
        }

        public string FilePath { get; }
    }
}
