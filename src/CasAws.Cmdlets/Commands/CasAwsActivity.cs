namespace CasAws.Commands
{
    /// <summary>The texts of the progress record shown while a CAS call is pending.</summary>
    internal static class CasAwsActivity
    {
        public static string Activity(string server) => "Waiting for CAS at " + server;

        public const string Status = "Logging in; if Duo sends a push to your phone, approve it. Ctrl+C cancels";
    }
}
