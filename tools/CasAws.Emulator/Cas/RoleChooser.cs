using CasAws.Emulator.Config;

namespace CasAws.Emulator.Cas;

/// <summary>Picks the role CAS assumes in role mode, or the exact 401 text CAS answers instead.</summary>
public static class RoleChooser
{
    public sealed record Choice(string? RoleArn, string? Refusal);

    public static Choice Choose(CasVersion version, IReadOnlyList<string> roles, string? requested)
    {
        var list = "[" + string.Join(", ", roles) + "]"; // Java's List.toString()
        var blank = string.IsNullOrWhiteSpace(requested);
        if (version.MatchesRolesExactly())
        {
            if (roles.Count == 0) return new(null, "No roles are available for the authenticated principal");
            if (blank) return roles.Count > 1 ? new(null, "Found multiple roles and none is specified. Current roles: " + list) : new(roles[0], null);
            return roles.Contains(requested!) ? new(requested, null) : new(null, "Specified role is not allowed. Current roles:" + list);
        }
        // 6.4-7.3: with one role, a client roleArn is taken as is; with several, it is a regex that must find a match.
        if (roles.Count > 1)
        {
            if (blank) return new(null, "Found multiple roles and none is specified. Current roles: " + list);
            if (!roles.Any(role => CasRegex.Find(requested!, role))) return new(null, "Specified role is not allowed. Current roles:" + list);
        }
        // 6.4 takes a roleArn that is present but blank as is (StringUtils.defaultString); 7.x falls back to the first role.
        if (version == CasVersion.V6_4) return new(requested ?? roles.FirstOrDefault(), null);
        return new(blank ? roles.FirstOrDefault() : requested, null);
    }
}
