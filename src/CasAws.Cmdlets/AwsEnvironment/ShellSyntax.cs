using System;
using System.Collections.Generic;

namespace CasAws.AwsEnvironment
{
    /// <summary>The shells ConvertTo-CasAwsEnvironment writes commands for.</summary>
    public enum CasAwsShell
    {
        PowerShell,
        Bash,
        Cmd,
        Fish,
    }

    /// <summary>Writes 'set' and 'unset' commands for each shell, quoting values so no character is interpreted.</summary>
    internal static class ShellSyntax
    {
        /// <summary>All commands, or an ArgumentException before any is returned when a value cannot be quoted.</summary>
        public static IReadOnlyList<string> Commands(CasAwsShell shell, IEnumerable<KeyValuePair<string, string?>> variables)
        {
            var commands = new List<string>();
            foreach (KeyValuePair<string, string?> variable in variables)
            {
                commands.Add(variable.Value is null ? Unset(shell, variable.Key) : Set(shell, variable.Key, variable.Value));
            }

            return commands;
        }

        private static string Set(CasAwsShell shell, string name, string value)
        {
            switch (shell)
            {
                case CasAwsShell.PowerShell:
                    return "$env:" + name + " = '" + value.Replace("'", "''") + "'";
                case CasAwsShell.Bash:
                    return "export " + name + "='" + value.Replace("'", "'\\''") + "'";
                case CasAwsShell.Fish:
                    return "set -gx " + name + " '" + value.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
                case CasAwsShell.Cmd:
                    // set "NAME=value" keeps spaces and & | < > literal; % would still expand, and no AWS key or token contains one.
                    if (value.IndexOf('"') >= 0 || value.IndexOf('%') >= 0 || value.IndexOf('\n') >= 0)
                    {
                        throw new ArgumentException($"The value of {name} cannot be written safely for cmd.exe.", nameof(value));
                    }

                    return "set \"" + name + "=" + value + "\"";
                default:
                    throw new ArgumentOutOfRangeException(nameof(shell));
            }
        }

        private static string Unset(CasAwsShell shell, string name)
        {
            switch (shell)
            {
                case CasAwsShell.PowerShell:
                    return "Remove-Item Env:" + name + " -ErrorAction SilentlyContinue";
                case CasAwsShell.Bash:
                    return "unset " + name;
                case CasAwsShell.Fish:
                    return "set -e " + name;
                case CasAwsShell.Cmd:
                    return "set " + name + "=";
                default:
                    throw new ArgumentOutOfRangeException(nameof(shell));
            }
        }
    }
}
