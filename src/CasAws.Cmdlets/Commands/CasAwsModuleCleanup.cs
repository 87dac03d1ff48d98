using System.Management.Automation;
using CasAws.Session;

namespace CasAws.Commands
{
    /// <summary>
    /// Runs when the module is removed (Remove-Module): the assembly stays loaded in the process, so the
    /// session it holds (password, cached keys) and its credential endpoints would outlive the module's commands; they are
    /// stopped and wiped instead.
    /// The session is process-wide, so removing the module in any runspace wipes it for all.
    /// </summary>
    public sealed class CasAwsModuleCleanup : IModuleAssemblyCleanup
    {
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            CredentialServer.CredentialServers.StopAll();
            CasSessionStore.Clear();
        }
    }
}
