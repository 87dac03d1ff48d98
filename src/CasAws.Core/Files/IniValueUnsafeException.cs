using System;

namespace CasAws.Files
{
    /// <summary>
    /// A section name, key or value CasAws was about to write into an AWS file holds a line break or
    /// another control character. Python's and .NET's INI readers split lines at a lone CR too, so such a
    /// value would add lines (a new section, a credential_process) that CasAws never meant to write.
    /// </summary>
    internal sealed class IniValueUnsafeException : ArgumentException
    {
        public IniValueUnsafeException(string what, char character)
            : base($"The {what} holds the control character U+{(int)character:X4}, which AWS tools would read as a line break or worse; nothing was written.")
        {
        }
    }
}
