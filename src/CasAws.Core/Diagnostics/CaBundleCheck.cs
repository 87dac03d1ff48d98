using CasAws.Errors;
using CasAws.Net;
using CasAws.Validation;

namespace CasAws.Diagnostics
{
    /// <summary>
    /// The CA bundle a connection trusts (-CaBundlePath or a saved connection's caBundlePath) can be read as
    /// PEM certificates: a check that fails with the fix, so the doctor goes on with its other checks.
    /// </summary>
    internal static class CaBundleCheck
    {
        public const string Name = "CaBundle";

        /// <param name="fullPath">The bundle's file-system path.</param>
        /// <param name="shownPath">The path as the user or the saved connection wrote it.</param>
        public static SetupCheck Check(string fullPath, string shownPath)
        {
            try
            {
                CertificateBundle.Checked(fullPath, shownPath, "The CA bundle");
                return new SetupCheck(Name, SetupCheckStatus.Pass, $"the CA bundle '{TerminalText.Visible(shownPath)}' holds PEM certificates");
            }
            catch (CasAwsException unreadable)
            {
                return new SetupCheck(Name, SetupCheckStatus.Fail, $"{unreadable.Message} ({ErrorIds.CaBundleUnreadable})",
                    "Put the CA bundle back at that path, or point the connection at the right file: Connect-CasAws -Server ... -CaBundlePath <file> -SaveAs <name> (Import-CasAwsConnection for a published connection).");
            }
        }
    }
}
