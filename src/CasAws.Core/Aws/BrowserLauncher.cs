using System;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CasAws.Aws
{
    /// <summary>
    /// Opens a URL in the user's browser: the command in BROWSER when set (the Unix convention, also
    /// honoured here on Windows and macOS), else the system's opener (shell on Windows, 'open' on macOS,
    /// 'xdg-open' elsewhere). A browser profile of CasAws's own (<see cref="BrowserProfile"/>) needs a browser
    /// command, given or in BROWSER, since the system's opener cannot pass the profile on.
    /// </summary>
    internal static class BrowserLauncher
    {
        public const string BrowserVariable = "BROWSER";

        /// <exception cref="InvalidOperationException">No browser could be started; the message says why.</exception>
        public static void Open(Uri url) => Open(url, null, null);

        /// <param name="browser">The browser command (-Browser); null for BROWSER, else the system's opener.</param>
        /// <param name="profile">A profile folder of CasAws's own to open the URL in; null for the browser's usual one.</param>
        /// <exception cref="InvalidOperationException">No browser could be started, or none is known for a profile; the message says why.</exception>
        public static void Open(Uri url, string? browser, BrowserProfile? profile)
        {
            string? command = FirstEntry(browser) ?? FirstEntry(Environment.GetEnvironmentVariable(BrowserVariable));
            ProcessStartInfo start;
            if (profile == null)
            {
                start = StartInfoFor(url, command);
            }
            else
            {
                if (command == null)
                {
                    throw new InvalidOperationException("-BrowserProfile needs the browser's command (a Chromium-family browser or Firefox): give -Browser, or set " + BrowserVariable);
                }

                string arguments;
                try
                {
                    arguments = profile.ArgumentsFor(command, url);
                }
                catch (ArgumentException problem)
                {
                    throw new InvalidOperationException(problem.Message, problem);
                }

                Files.PrivateDirectory.Ensure(System.IO.Path.GetDirectoryName(profile.Directory)!);
                Files.PrivateDirectory.Ensure(profile.Directory);
                start = new ProcessStartInfo(command, arguments) { UseShellExecute = false };
            }

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
