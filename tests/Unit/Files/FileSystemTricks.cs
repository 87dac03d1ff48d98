using System.Diagnostics;

namespace CasAws.Tests.Files;

/// <summary>Makes a directory refuse new files, even for root (which ignores permission bits): chattr +i.</summary>
internal static class FileSystemTricks
{
    public static bool IsRoot => !OperatingSystem.IsWindows() && Environment.UserName == "root";

    /// <summary>Returns false when the directory cannot be made unwritable here (the caller skips).</summary>
    public static bool TryMakeUnwritable(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        if (!IsRoot)
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            return true;
        }

        return Run("chattr", "+i", directory);
    }

    public static void MakeWritable(string directory)
    {
        if (IsRoot)
        {
            Run("chattr", "-i", directory);
        }
        else if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public static bool Run(string file, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using Process process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
