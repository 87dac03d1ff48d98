using System;
using System.IO;
using System.Management.Automation;
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

            bool malformed = exception.InnerException is IniFormatException;
            return new ErrorRecord(exception,
                malformed ? ErrorIds.AwsFileMalformed : ErrorIds.AwsFileNotWritable,
                malformed ? ErrorCategory.InvalidData : ErrorCategory.WriteError,
                exception.Path);
        }

        public static ErrorRecord From(ProfileNotOwnedException exception) =>
            new ErrorRecord(exception, ErrorIds.ProfileNotOwned, ErrorCategory.ResourceExists, exception.Profile);

        public static ErrorRecord InvalidName(string name) =>
            new ErrorRecord(new ArgumentException(
                    $"'{name}' cannot be used as an AWS profile name: use letters, digits and '-', '_', '.', without spaces, brackets, quotes, '#' or ';'."),
                ErrorIds.InvalidProfileName, ErrorCategory.InvalidArgument, name);

        public static ErrorRecord CacheNotWritable(string profile, Exception exception) =>
            new ErrorRecord(new IOException(
                    $"The credential cache for profile '{profile}' cannot be written ({exception.Message}). Check that you own '{Cache.CacheDirectory.Resolve()}' and can write to it.",
                    exception),
                ErrorIds.CredentialCacheNotWritable, ErrorCategory.WriteError, profile);
    }
}
