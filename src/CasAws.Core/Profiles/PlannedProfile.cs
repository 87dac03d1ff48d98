using CasAws.Credentials;

namespace CasAws.Profiles
{
    /// <summary>Whether registering a profile creates it or rewrites one CasAws registered before.</summary>
    internal enum ProfileChange
    {
        Add,
        Change,
    }

    /// <summary>One profile a name template gives: its safe name, its role, and whether it is new.</summary>
    internal sealed class PlannedProfile
    {
        public PlannedProfile(string name, CasAwsRole role, ProfileChange change)
        {
            Name = name;
            Role = role;
            Change = change;
        }

        public string Name { get; }

        public CasAwsRole Role { get; }

        public ProfileChange Change { get; }
    }
}
