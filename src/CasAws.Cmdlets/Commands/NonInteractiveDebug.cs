using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Reflection;

namespace CasAws.Commands
{
    /// <summary>
    /// Keeps -Debug usable where nobody can answer a prompt (pwsh -NonInteractive, runbooks, scheduled tasks).
    /// </summary>
    /// <remarks>
    /// For a compiled cmdlet, -Debug turns the warning and verbose preferences into Inquire and makes every
    /// ShouldProcess ask; a host that cannot prompt then fails the command at its first warning or verbose
    /// line ("PowerShell is in NonInteractive mode"). A $DebugPreference of Inquire does the same for debug
    /// lines. In such a host the command runtime's preferences are set as -WarningAction Continue, -Verbose
    /// and -Confirm:$false would set them (any of them the user passed explicitly is kept): every message is
    /// written and nothing asks. PowerShell has no public setter for these, so the command runtime's own
    /// internal ones are used; when a PowerShell version lacks them nothing changes, and about_CasAws
    /// documents the workaround ($DebugPreference = 'Continue' instead of -Debug).
    /// </remarks>
    internal static class NonInteractiveDebug
    {
        private const BindingFlags Internal = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;

        public static void KeepFromPrompting(ICommandRuntime runtime, IDictionary<string, object> boundParameters)
        {
            try
            {
                foreach (string preference in new[] { "DebugPreference", "VerbosePreference", "WarningPreference" })
                {
                    PropertyInfo? property = runtime.GetType().GetProperty(preference, Internal);
                    if (property?.PropertyType != typeof(ActionPreference) || (ActionPreference)property.GetValue(runtime)! != ActionPreference.Inquire) continue;
                    if (property.CanWrite)
                    {
                        property.SetValue(runtime, ActionPreference.Continue);
                    }
                    else if (preference == "VerbosePreference" && !boundParameters.ContainsKey("Verbose"))
                    {
                        // PowerShell 7 computes it from the -Verbose flag (which beats -Debug) and has no setter for it.
                        SetFlag(runtime, "Verbose");
                    }
                }

                if (IsSet(boundParameters, "Debug") && !boundParameters.ContainsKey("Confirm") && !boundParameters.ContainsKey("WhatIf"))
                {
                    SetFlag(runtime, "Confirm", value: false);
                }
            }
            catch (Exception exception) when (exception is TargetInvocationException || exception is MemberAccessException || exception is ArgumentException)
            {
                // A PowerShell whose runtime differs: leave its behaviour as it is.
            }
        }

        /// <summary>Sets a switch of the command runtime as binding it would (bool or SwitchParameter), when it has one.</summary>
        private static void SetFlag(ICommandRuntime runtime, string name, bool value = true)
        {
            PropertyInfo? flag = runtime.GetType().GetProperty(name, Internal);
            if (flag is null || !flag.CanWrite) return;
            if (flag.PropertyType == typeof(bool)) flag.SetValue(runtime, value);
            else if (flag.PropertyType == typeof(SwitchParameter)) flag.SetValue(runtime, new SwitchParameter(value));
        }

        private static bool IsSet(IDictionary<string, object> boundParameters, string name) =>
            boundParameters.TryGetValue(name, out object? value) && value is SwitchParameter flag && flag.IsPresent;
    }
}
