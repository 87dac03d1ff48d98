using System;

namespace CasAws.Files
{
    /// <summary>A profile holds keys or settings CasAws did not write; it is left alone unless the user passes -Force.</summary>
    internal sealed class ProfileNotOwnedException : Exception
    {
        public ProfileNotOwnedException(string path, string profile)
            : this(path, profile, $"The profile '{profile}' in '{path}' holds keys or settings that CasAws did not write, so it was left unchanged. Choose another profile name, or add -Force to replace them.")
        {
        }

        private ProfileNotOwnedException(string path, string profile, string message)
            : base(message)
        {
            Path = path;
            Profile = profile;
        }

        /// <summary>Refusing to remove a profile CasAws never wrote (Unregister-CasAwsProfile without -Force).</summary>
        public static ProfileNotOwnedException ForRemoval(string path, string profile) =>
            new ProfileNotOwnedException(path, profile,
                $"The profile '{profile}' in '{path}' was not written by CasAws, so it was left unchanged. Add -Force to remove it anyway.");

        public string Path { get; }

        public string Profile { get; }
    }
}
