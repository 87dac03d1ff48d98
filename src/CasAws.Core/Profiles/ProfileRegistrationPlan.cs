using System.Collections.Generic;
using CasAws.Cache;

namespace CasAws.Profiles
{
    /// <summary>What a template registration will do: the profiles to write (added or changed) and the ones to remove.</summary>
    internal sealed class ProfileRegistrationPlan
    {
        public ProfileRegistrationPlan(IReadOnlyList<PlannedProfile> register, IReadOnlyList<CredentialCacheEntry> prune)
        {
            Register = register;
            Prune = prune;
        }

        public IReadOnlyList<PlannedProfile> Register { get; }

        public IReadOnlyList<CredentialCacheEntry> Prune { get; }
    }
}
