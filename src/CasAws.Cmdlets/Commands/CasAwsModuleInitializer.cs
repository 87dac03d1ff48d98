using System.Management.Automation;
using CasAws.Cache;

namespace CasAws.Commands
{
    /// <summary>Runs when the module is imported: wires the credential_process cache to every login.</summary>
    public sealed class CasAwsModuleInitializer : IModuleAssemblyInitializer
    {
        public void OnImport() => CredentialCacheFiller.Attach();
    }
}
