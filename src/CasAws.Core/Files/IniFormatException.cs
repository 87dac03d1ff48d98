using System;

namespace CasAws.Files
{
    /// <summary>An AWS credentials or config file that cannot be edited safely because a line does not parse.</summary>
    internal sealed class IniFormatException : Exception
    {
        public IniFormatException(int lineNumber, string problem)
            : base($"line {lineNumber}: {problem}")
        {
            LineNumber = lineNumber;
            Problem = problem;
        }

        public int LineNumber { get; }

        public string Problem { get; }
    }
}
