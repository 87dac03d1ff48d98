using System.Linq;
using System.Management.Automation;
using CasAws.Cache;

namespace CasAws.Commands
{
    /// <summary>Lists the credential_process profiles registered by CasAws and until when each has cached credentials.</summary>
    [Cmdlet(VerbsCommon.Get, "CasAwsProfile")]
    [OutputType(typeof(CasAwsProfile))]
    public sealed class GetCasAwsProfileCommand : CasAwsCmdlet
    {
        /// <summary>Profile names to list; wildcards allowed.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        protected override void EndProcessing()
        {
            WildcardPattern[] patterns = (Name ?? new[] { "*" })
                .Select(name => new WildcardPattern(name, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToArray();
            foreach (CredentialCacheEntry entry in CredentialCacheStore.ForCurrentUser().ReadAll().OrderBy(e => e.ProfileName, System.StringComparer.Ordinal))
            {
                if (patterns.Any(pattern => pattern.IsMatch(entry.ProfileName)))
                {
                    WriteObject(CasAwsProfile.From(entry));
                }
            }
        }
    }
}
