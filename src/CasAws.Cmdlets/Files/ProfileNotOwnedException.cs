using System;

namespace CasAws.Files
{
    /// <summary>A profile holds keys or settings CasAws did not write; it is left alone unless the user passes -Force.</summary>
    internal sealed class ProfileNotOwnedException : Exception
    {
        public ProfileNotOwnedException(string path, string profile)
            : base($"The profile '{profile}' in '{path}' holds keys or settings that CasAws did not write, so it was left unchanged. Choose another profile name, or add -Force to replace them.")
        {
            Path = path;
            Profile = profile;
        }

        public string Path { get; }

        public string Profile { get; }
    }
}
