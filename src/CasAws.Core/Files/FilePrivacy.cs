namespace CasAws.Files
{
    /// <summary>Which Unix permissions a replaced file ends up with.</summary>
    internal enum FilePrivacy
    {
        /// <summary>Always 0600: the file holds secrets (the shared credentials file, the cache).</summary>
        OwnerOnly,

        /// <summary>The existing file's mode is kept; a new file gets 0600 (the config file).</summary>
        KeepExistingOrOwnerOnly,

        /// <summary>Always 0700: a program only its owner runs (the user's copy of the credential_process helper).</summary>
        OwnerExecutable,
    }
}
