using System;

namespace CasAws.Files
{
    /// <summary>An AWS credentials or config file could not be read or written; the message says what to do.</summary>
    internal sealed class AwsFileException : Exception
    {
        public AwsFileException(string path, string message, Exception? inner = null)
            : base(message, inner)
        {
            Path = path;
        }

        public string Path { get; }
    }
}
