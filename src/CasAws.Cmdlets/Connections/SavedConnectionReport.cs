using System.Linq;
using System.Management.Automation;
using CasAws.Commands;
using CasAws.Errors;

namespace CasAws.Connections
{
    /// <summary>Reads the saved connections for a cmdlet, turning a damaged settings file into a warning (never a failure).</summary>
    internal static class SavedConnectionReport
    {
        public static ConnectionSnapshot Load(Cmdlet cmdlet)
        {
            ConnectionSnapshot snapshot = ConnectionStore.ForCurrentUser().Load();
            if (snapshot.Problem != null) Warn(cmdlet, snapshot.Problem, snapshot.ProblemId);
            return snapshot;
        }

        /// <summary>The saved connection <paramref name="name"/> names (the default one when null), or ConnectionNotFound.</summary>
        public static SavedConnection Find(Cmdlet cmdlet, string? name)
        {
            ConnectionSnapshot snapshot = Load(cmdlet);
            SavedConnection? saved = snapshot.Find(name);
            if (saved == null)
            {
                string known = snapshot.Connections.Count == 0 ? "There are no saved connections yet" : "Saved connections: " + string.Join(", ", snapshot.Connections.Select(c => c.Name));
                cmdlet.ThrowTerminatingError(new CasAwsException(ErrorIds.ConnectionNotFound, CasAwsErrorKind.ObjectNotFound, name,
                    name == null
                        ? $"Say which CAS server to use: pass -Server with its URL (e.g. https://sso.example.org/cas) or the name of a saved connection. {known}."
                        : $"'{name}' is neither a CAS URL nor the name of a saved connection. Pass the CAS base URL (https://...) or one of the saved names. {known}.").ToErrorRecord());
            }

            cmdlet.WriteVerbose($"Using the saved connection '{saved!.Name}' ({saved.Server}).");
            return saved;
        }

        /// <summary>True when the text is meant as a URL rather than a connection name.</summary>
        public static bool IsUrl(string server) => server.IndexOf("://", System.StringComparison.Ordinal) > 0;

        /// <summary>The warning names the error id, so it can be looked up in about_CasAws.</summary>
        public static void Warn(Cmdlet cmdlet, string problem, string id = ErrorIds.ConnectionSettingsCorrupt) =>
            cmdlet.WriteWarning($"{id}: {problem}. Saved connections in it are not used; Connect-CasAws -Server <URL> saves a new one.");
    }
}
