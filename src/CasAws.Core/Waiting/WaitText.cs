using System.Globalization;

namespace CasAws.Waiting
{
    /// <summary>
    /// What a wait says, on a progress bar or a terminal line (<see cref="WaitTicker"/> renders it). PowerShell's console shows
    /// one line, "Activity [Status...]", with the activity taking at most half the width and the status
    /// cut at the window's edge: so the activity is short, and the status starts with what matters
    /// (the seconds waited and how to cancel) and fits an 80-column terminal.
    /// </summary>
    internal static class WaitText
    {
        public const string CasActivity = "CAS login";

        public const string StsActivity = "AWS STS";

        public const string ConsoleActivity = "AWS sign-in";

        /// <summary>
        /// The status while CAS holds the login (and the Duo push, when one can come); <paramref name="server"/> comes
        /// last, where a cut costs least.
        /// </summary>
        public static string CasStatus(double secondsWaited, string server, bool pushPossible = true) =>
            string.Format(CultureInfo.InvariantCulture, "{0:0} s waited, Ctrl+C cancels. {1}{2}", secondsWaited, pushPossible ? "Approve the Duo push if one comes. " : string.Empty, server);

        /// <summary>The status while STS (or the sign-in endpoint) answers <paramref name="what"/>.</summary>
        public static string StsStatus(double secondsWaited, string what) =>
            string.Format(CultureInfo.InvariantCulture, "{0:0} s waited, Ctrl+C cancels. {1}", secondsWaited, what);

        /// <summary>The helper's terminal line while CAS holds its login.</summary>
        public static string TerminalStatus(double secondsWaited, bool pushExpected) =>
            string.Format(CultureInfo.InvariantCulture, "{0} Ctrl+C cancels. {1:0} s",
                pushExpected ? "Waiting for CAS: approve the Duo push on your phone if one arrives." : "Waiting for CAS to check the code.", secondsWaited);
    }
}
