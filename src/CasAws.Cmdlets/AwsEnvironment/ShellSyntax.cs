using System;
using System.Collections.Generic;
using System.Management.Automation.Language;
using CasAws.Validation;

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

    /// <summary>
    /// Writes 'set' and 'unset' commands for each shell, quoting values by that shell's own rules so no
    /// character is interpreted, and refusing what a shell cannot quote safely (any control character;
    /// for cmd.exe also '"', '%', '!' and anything outside printable ASCII).
    /// </summary>
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
            int control = ControlCharacters.IndexOf(value);
            if (control >= 0)
            {
                throw new ArgumentException($"The value of {name} holds the control character {ControlCharacters.CodePoint(value[control])}, which no shell can be given safely.", nameof(value));
            }

            switch (shell)
            {
                case CasAwsShell.PowerShell:
                    // PowerShell's own escaping: it doubles every character the parser takes as a single
                    // quote, the typographic U+2018-U+201B as well as the ASCII one.
                    return "$env:" + name + " = '" + CodeGeneration.EscapeSingleQuotedStringContent(value) + "'";
                case CasAwsShell.Bash:
                    return "export " + name + "='" + value.Replace("'", "'\\''") + "'";
                case CasAwsShell.Fish:
                    return "set -gx " + name + " '" + value.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
                case CasAwsShell.Cmd:
                    // set "NAME=value" keeps spaces and & | < > literal; % (and ! under delayed expansion) would still
                    // expand, and the console's code page would mangle anything outside ASCII. No AWS key or token holds any.
                    if (!CmdCanHold(value))
                    {
                        throw new ArgumentException($"The value of {name} cannot be written safely for cmd.exe.", nameof(value));
                    }

                    return "set \"" + name + "=" + value + "\"";
                default:
                    throw new ArgumentOutOfRangeException(nameof(shell));
            }
        }

        private static bool CmdCanHold(string value)
        {
            foreach (char c in value)
            {
                if (c < ' ' || c > '~' || c == '"' || c == '%' || c == '!')
                {
                    return false;
                }
            }

            return true;
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
