using System;
using System.Collections.Generic;
using System.Linq;
using CasAws.Cache;
using CasAws.Connections;
using CasAws.Credentials;
using CasAws.Errors;
using CasAws.Files;

namespace CasAws.Profiles
{
    /// <summary>
    /// Which profiles 'Get-CasAwsRole | Register-CasAwsProfile -NameTemplate T [-Prune]' writes and removes:
    /// one per role under the template's safe name (two roles giving one name is an error, found before
    /// anything is written), and with prune the CasAws-registered profiles of the same server and user whose
    /// role is not among those listed.
    /// </summary>
    internal static class ProfileRegistration
    {
        /// <summary>
        /// The plan for the current user: the roles (<see cref="RolesToRegister"/>), the CAS user (the parameter, else the
        /// saved connection's, else the session's), that user's account aliases, the profiles CasAws registered and
        /// who owns each section of <paramref name="configFile"/>.
        /// </summary>
        /// <param name="piped">The roles piped in; none means the session's.</param>
        /// <param name="saved">The saved connection -Server named, or null.</param>
        /// <exception cref="CasAwsException">No roles, a template that names no role, or two roles with one name.</exception>
        public static ProfileRegistrationPlan PlanForCurrentUser(
            IReadOnlyList<CasAwsRole> piped,
            string template,
            string? userName,
            bool prune,
            ProfileServerChoice server,
            SavedConnection? saved,
            string configFile)
        {
            IReadOnlyList<CasAwsRole> roles = RolesToRegister(piped, server, template);
            string? user = new SettingLayers(null, saved, server.Session).UserName(userName);
            AccountAliasBook aliases = AccountAliasBook.For(server.ServerKey, user, saved?.Name);
            return Plan(roles, template, aliases.AliasOf, server.ServerKey, user,
                CredentialCacheStore.ForCurrentUser().ReadAll(), prune, name => ConfigFileProfiles.Inspect(configFile, name));
        }

        /// <summary>The roles a template registers: those piped, else the ones the session knows when it is for the server.</summary>
        /// <exception cref="CasAwsException">ProfileRoleArnInvalid: none piped, and no session for the server with a role list.</exception>
        public static IReadOnlyList<CasAwsRole> RolesToRegister(IReadOnlyList<CasAwsRole> piped, ProfileServerChoice server, string template) =>
            piped.Count > 0
                ? piped
                : server.Session?.KnownRoles ?? throw new CasAwsException(ErrorIds.ProfileRoleArnInvalid, CasAwsErrorKind.InvalidArgument, template,
                    "No roles to register: pipe them from Get-CasAwsRole, or run Connect-CasAws (or Get-CasAwsRole -Refresh) so the session knows them.");

        /// <param name="roles">The roles listed (duplicates by ARN count once).</param>
        /// <param name="aliasOf">The account alias for an account id, or null.</param>
        /// <param name="registered">Every profile registered by CasAws (the helper's cache entries).</param>
        /// <param name="ownershipInConfig">Who owns a profile's section in ~/.aws/config.</param>
        public static ProfileRegistrationPlan Plan(
            IEnumerable<CasAwsRole> roles,
            string template,
            Func<string, string?> aliasOf,
            string serverKey,
            string? userName,
            IReadOnlyList<CredentialCacheEntry> registered,
            bool prune,
            Func<string, ProfileOwnership> ownershipInConfig)
        {
            ProfileNameTemplate.Check(template);
            var byName = new Dictionary<string, PlannedProfile>(StringComparer.OrdinalIgnoreCase);
            var planned = new List<PlannedProfile>();
            foreach (CasAwsRole role in roles.GroupBy(r => r.RoleArn, StringComparer.Ordinal).Select(g => g.First()))
            {
                string name = ProfileNameTemplate.Expand(template, role, role.AccountAlias ?? aliasOf(role.AccountId));
                if (name.Length == 0)
                {
                    throw new CasAwsException(ErrorIds.ProfileNameClash, CasAwsErrorKind.InvalidArgument, role.RoleArn,
                        $"The name template '{Validation.TerminalText.Visible(template)}' gives role '{Validation.TerminalText.Visible(role.RoleArn)}' an empty profile name once unsafe characters are removed. Add {{RoleName}} or {{AccountId}} to the template.");
                }

                if (byName.TryGetValue(name, out PlannedProfile? other))
                {
                    throw new CasAwsException(ErrorIds.ProfileNameClash, CasAwsErrorKind.InvalidArgument, name,
                        $"The name template '{Validation.TerminalText.Visible(template)}' gives two roles the profile name '{name}': '{Validation.TerminalText.Visible(other.Role.RoleArn)}' and '{Validation.TerminalText.Visible(role.RoleArn)}' (names are compared ignoring case, and unsafe characters become '-'). Nothing was registered. Add a placeholder that tells them apart, such as {{AccountId}} or {{RolePath}}.");
                }

                bool known = registered.Any(entry => string.Equals(entry.ProfileName, name, StringComparison.OrdinalIgnoreCase));
                var profile = new PlannedProfile(name, role, known ? ProfileChange.Change : ProfileChange.Add);
                byName.Add(name, profile);
                planned.Add(profile);
            }

            IReadOnlyList<CredentialCacheEntry> stale = prune
                ? Stale(planned, serverKey, userName, registered, ownershipInConfig)
                : Array.Empty<CredentialCacheEntry>();
            return new ProfileRegistrationPlan(planned, stale);
        }

        /// <summary>
        /// The profiles prune removes: registered by CasAws for this server and this user (an entry that recorded no
        /// user is not known to be theirs, so it stays), with a role that is not listed and a name the plan does not
        /// reuse, and whose config section is CasAws's own or gone (the rule Unregister-CasAwsProfile keeps without -Force).
        /// </summary>
        private static IReadOnlyList<CredentialCacheEntry> Stale(
            IReadOnlyList<PlannedProfile> planned,
            string serverKey,
            string? userName,
            IReadOnlyList<CredentialCacheEntry> registered,
            Func<string, ProfileOwnership> ownershipInConfig)
        {
            var listedRoles = new HashSet<string>(planned.Select(p => p.Role.RoleArn), StringComparer.Ordinal);
            var plannedNames = new HashSet<string>(planned.Select(p => p.Name), StringComparer.OrdinalIgnoreCase);
            return registered
                .Where(entry => entry.Server == serverKey)
                .Where(entry => userName is not null && entry.UserName is not null && string.Equals(entry.UserName, userName, StringComparison.OrdinalIgnoreCase))
                .Where(entry => entry.RoleArn is not null && !listedRoles.Contains(entry.RoleArn))
                .Where(entry => !plannedNames.Contains(entry.ProfileName))
                .Where(entry => ownershipInConfig(entry.ProfileName) is ProfileOwnership.CasAws or ProfileOwnership.Missing)
                .OrderBy(entry => entry.ProfileName, StringComparer.Ordinal)
                .ToList();
        }
    }
}
