using System;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace CasAws.Commands
{
    /// <summary>
    /// Asks for the CAS user name and password (and an MFA code) on the terminal when standard output is redirected, as in
    /// pwsh -Command "Get-CasAwsCredential ... | ConvertTo-CasAwsEnvironment -Shell Bash" > creds.sh: the
    /// console host would write its prompt into that file (where nobody sees it, and which it spoils).
    /// The prompt goes to standard error, which is still the terminal; keys are read from the console,
    /// the password without echo.
    /// </summary>
    internal static class RedirectedConsolePrompt
    {
        /// <summary>True for the console host whose output, but not its keyboard or standard error, is redirected.</summary>
        public static bool Applies(PSHost host) =>
            string.Equals(host.Name, "ConsoleHost", StringComparison.Ordinal)
            && Console.IsOutputRedirected && !Console.IsInputRedirected && !Console.IsErrorRedirected;

        /// <returns>Null when no user name was entered.</returns>
        public static PSCredential? Ask(string caption, string message, string? userName)
        {
            TextWriter screen = Console.Error;
            screen.WriteLine(caption);
            screen.WriteLine(message);
            string user = userName ?? string.Empty;
            if (user.Length == 0)
            {
                screen.Write("User: ");
                using SecureString typed = ReadLine(screen, echo: true);
                user = ToPlainText(typed);
            }

            if (user.Length == 0) return null;
            screen.Write("Password for user " + user + ": ");
            SecureString password = ReadLine(screen, echo: false);
            password.MakeReadOnly();
            return new PSCredential(user, password);
        }

        /// <summary>Asks for a secret (an MFA code) on standard error and reads it from the console without echo.</summary>
        public static SecureString AskSecret(string prompt)
        {
            TextWriter screen = Console.Error;
            screen.Write(prompt);
            return ReadLine(screen, echo: false);
        }

        /// <summary>Reads keys up to Enter into a SecureString, so that a password never becomes a string.</summary>
        private static SecureString ReadLine(TextWriter screen, bool echo)
        {
            var line = new SecureString();
            while (true)
            {
                ConsoleKeyInfo key = Console.ReadKey(intercept: true);
                if (key.Key == ConsoleKey.Enter)
                {
                    screen.WriteLine();
                    return line;
                }

                if (key.Key == ConsoleKey.Backspace)
                {
                    if (line.Length > 0)
                    {
                        line.RemoveAt(line.Length - 1);
                        if (echo) screen.Write("\b \b");
                    }

                    continue;
                }

                if (char.IsControl(key.KeyChar)) continue;
                line.AppendChar(key.KeyChar);
                if (echo) screen.Write(key.KeyChar);
            }
        }

        /// <summary>Only the user name (never the password) becomes a string.</summary>
        private static string ToPlainText(SecureString text) => new System.Net.NetworkCredential(string.Empty, text).Password;
    }
}
