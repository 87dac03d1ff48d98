using System;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CasAws.Aws
{
    /// <summary>
    /// Opens a URL in the user's browser: the command in BROWSER when set (the Unix convention, also
    /// honoured here on Windows and macOS), else the system's opener (shell on Windows, 'open' on macOS,
    /// 'xdg-open' elsewhere).
    /// </summary>
    internal static class BrowserLauncher
    {
        public const string BrowserVariable = "BROWSER";

        /// <exception cref="InvalidOperationException">No browser could be started; the message says why.</exception>
        public static void Open(Uri url)
        {
            ProcessStartInfo start = StartInfoFor(url, Environment.GetEnvironmentVariable(BrowserVariable));
            try
            {
                using Process? process = Process.Start(start);
            }
            catch (Exception problem) when (problem is System.ComponentModel.Win32Exception || problem is InvalidOperationException || problem is PlatformNotSupportedException)
            {
                throw new InvalidOperationException("Could not start '" + start.FileName + "': " + problem.Message, problem);
            }
        }

        internal static ProcessStartInfo StartInfoFor(Uri url, string? browserCommand)
        {
            // The URL is built by us and fully percent-encoded: it holds no quote or space to break the argument.
            string argument = "\"" + url.AbsoluteUri + "\"";
            string? browser = FirstEntry(browserCommand);
            if (browser != null)
            {
                return new ProcessStartInfo(browser, argument) { UseShellExecute = false };
            }

            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return new ProcessStartInfo(url.AbsoluteUri) { UseShellExecute = true };
            }

            string opener = RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "open" : "xdg-open";
            return new ProcessStartInfo(opener, argument) { UseShellExecute = false };
        }

        /// <summary>BROWSER may list several commands separated by the path separator; the first one is used.</summary>
        private static string? FirstEntry(string? browserCommand)
        {
            if (string.IsNullOrWhiteSpace(browserCommand))
            {
                return null;
            }

            string first = browserCommand!.Split(System.IO.Path.PathSeparator)[0].Trim();
            return first.Length == 0 ? null : first;
        }
    }
}
