using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation.Host;
using CasAws.Credentials;
using CasAws.Validation;

namespace CasAws.Commands
{
    /// <summary>The numbered role list a person picks from at an interactive prompt.</summary>
    internal static class RoleChoice
    {
        public static string Ask(PSHostUserInterface ui, IReadOnlyList<CasAwsRole> roles, string server, Action cancelled)
        {
            ui.WriteLine(string.Format(CultureInfo.InvariantCulture, "CAS at {0} offers these roles:", server));
            for (int i = 0; i < roles.Count; i++)
            {
                CasAwsRole role = roles[i];
                string path = role.Path == "/" ? string.Empty : "  (path " + TerminalText.Visible(role.Path) + ")";
                ui.WriteLine(string.Format(CultureInfo.InvariantCulture, "  [{0}] {1}  {2}{3}", i + 1, TerminalText.Visible(role.AccountLabel), TerminalText.Visible(role.RoleName), path));
            }

            while (true)
            {
                ui.Write(string.Format(CultureInfo.InvariantCulture, "Role number (1-{0}, Enter to cancel): ", roles.Count));
                string? line = ui.ReadLine();
                if (string.IsNullOrWhiteSpace(line))
                {
                    cancelled();
                    throw new InvalidOperationException("No role was chosen.");
                }

                if (int.TryParse(line!.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) && number >= 1 && number <= roles.Count)
                {
                    return roles[number - 1].RoleArn;
                }

                ui.WriteLine("Enter a number from the list.");
            }
        }
    }
}
