using System.Management.Automation;
using CasAws.Session;

namespace CasAws.Commands
{
    /// <summary>Forgets the CAS session and wipes its password, role list and cached credentials.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "CasAws")]
    [OutputType(typeof(void))]
    public sealed class DisconnectCasAwsCommand : CasAwsCmdlet
    {
        protected override void ProcessRecord()
        {
            CasAwsSession? session = CasSessionStore.Clear();
            WriteVerbose(session == null
                ? "There was no CAS session."
                : $"Forgot the session of {session.UserName} at {session.Server}: password, roles and cached credentials are wiped.");
        }
    }
}
