using System;
using System.IO;
using System.Management.Automation;
using CasAws.Cache;
using CasAws.Errors;
using CasAws.Files;

namespace CasAws.Commands
{
    /// <summary>ErrorRecords for the failures of profile and file commands, each with its stable id and a message that says what to do.</summary>
    internal static class ProfileErrorRecords
    {
        public static ErrorRecord From(AwsFileException exception)
        {
            if (exception.InnerException is IniValueUnsafeException)
            {
                return new ErrorRecord(exception, ErrorIds.AwsFileValueUnsafe, ErrorCategory.InvalidData, exception.Path);
            }

            switch (exception.InnerException)
            {
                case IniFormatException _:
                    return new ErrorRecord(exception, ErrorIds.AwsFileMalformed, ErrorCategory.InvalidData, exception.Path);
                case ReadOnlyFileException _:
                    return new ErrorRecord(exception, ErrorIds.AwsFileReadOnly, ErrorCategory.PermissionDenied, exception.Path);
                case DanglingSymbolicLinkException _:
                    return new ErrorRecord(exception, ErrorIds.AwsFileDanglingLink, ErrorCategory.ObjectNotFound, exception.Path);
                case UntrustedDirectoryException untrusted:
                    return Untrusted(untrusted);
                default:
                    return new ErrorRecord(exception, ErrorIds.AwsFileNotWritable, ErrorCategory.WriteError, exception.Path);
            }
        }

        public static ErrorRecord Untrusted(UntrustedDirectoryException exception) =>
            new ErrorRecord(exception, ErrorIds.CacheDirectoryUntrusted, ErrorCategory.SecurityError, exception.DirectoryPath);

        public static ErrorRecord From(ProfileNotOwnedException exception) =>
            new ErrorRecord(exception, ErrorIds.ProfileNotOwned, ErrorCategory.ResourceExists, exception.Profile);

        public static ErrorRecord InvalidName(string name) =>
            new ErrorRecord(new ArgumentException(
                    $"'{name}' cannot be used as an AWS profile name: use letters, digits and '-', '_', '.', without spaces, brackets, quotes, '#' or ';'."),
                ErrorIds.InvalidProfileName, ErrorCategory.InvalidArgument, name);

        /// <summary>The module's helper for this platform cannot be used, with what to do; null when it can.</summary>
        public static ErrorRecord? BundledHelperUnusable(string helper)
        {
            string runtime = CredentialProcessHelper.RuntimeIdentifier();
            switch (CredentialProcessHelper.StateOf(helper))
            {
                case CasAwsHelperState.Ready:
                    return null;
                case CasAwsHelperState.NotExecutable:
                    return new ErrorRecord(new UnauthorizedAccessException(
                            $"The credential_process helper for {runtime} ('{helper}') is not executable: the tool that installed CasAws dropped its file mode. Reinstall with 'Install-PSResource CasAws -Reinstall' (it keeps the mode), or run: chmod +x '{helper}'"),
                        ErrorIds.CredentialProcessHelperNotExecutable, ErrorCategory.PermissionDenied, helper);
                default:
                    return new ErrorRecord(new FileNotFoundException(
                            $"This CasAws has no credential_process helper for {runtime} ('{helper}'). The package ships one for linux-x64, linux-arm64, osx-x64, osx-arm64, win-x64 and win-arm64: on one of those, reinstall with 'Install-PSResource CasAws -Reinstall'; in a clone of the repository, build on this machine (dotnet pwsh ./build.ps1 build).",
                            helper),
                        ErrorIds.CredentialProcessHelperMissing, ErrorCategory.ObjectNotFound, helper);
            }
        }

        public static ErrorRecord HelperNotCopied(string copy, Exception exception) =>
            new ErrorRecord(new IOException(
                    $"The credential_process helper cannot be copied to '{copy}', where profiles run it so that they survive module updates ({exception.Message}). Check that you can write to that folder (CASAWS_DATA_DIR moves it), then run the command again.",
                    exception),
                ErrorIds.CredentialProcessHelperNotCopied, ErrorCategory.WriteError, copy);

        public static ErrorRecord CacheNotWritable(string profile, Exception exception) =>
            exception is UntrustedDirectoryException untrusted ? Untrusted(untrusted) : new ErrorRecord(new IOException(
                    $"The credential cache for profile '{profile}' cannot be written ({exception.Message}). Check that you own '{Cache.CacheDirectory.Resolve()}' and can write to it.",
                    exception),
                ErrorIds.CredentialCacheNotWritable, ErrorCategory.WriteError, profile);
    }
}
