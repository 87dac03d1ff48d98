using System;
using System.IO;
using System.Threading;
using CasAws.Files;

namespace CasAws.FileWriter
{
    /// <summary>
    /// CasAws.FileWriter once CREDENTIALS CONFIG PROFILE GOFILE: waits until GOFILE exists, then stores
    /// temporary keys for PROFILE in CREDENTIALS and registers it in CONFIG (both locked, atomic).
    /// CasAws.FileWriter loop CONFIG STARTEDFILE: registers and removes a profile until killed.
    /// </summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            // The test checks that no edit is lost under contention, not how fast: on a loaded build machine the
            // 40 locked, flushed edits of 20 writers can take longer than the 30 s a user would wait.
            IniFileEditor.LockTimeout = TimeSpan.FromMinutes(5);
            if (args.Length == 5 && args[0] == "once")
            {
                while (!File.Exists(args[4]))
                {
                    Thread.Sleep(10);
                }

                var keys = new TemporaryKeys("ASIA" + args[3].ToUpperInvariant().PadRight(16, 'X').Substring(0, 16), "secret/" + args[3], "token+" + args[3], DateTime.UtcNow.AddHours(1));
                CredentialsFileProfiles.Store(args[1], args[3], keys, force: false, CancellationToken.None);
                ConfigFileProfiles.RegisterCredentialProcess(args[2], args[3], "\"/opt/casaws/helper\" --profile \"" + args[3] + "\"", "eu-west-1", force: false, CancellationToken.None);
                return 0;
            }

            if (args.Length == 3 && args[0] == "loop")
            {
                File.WriteAllText(args[2], "started");
                var random = new Random();
                while (true)
                {
                    ConfigFileProfiles.RegisterCredentialProcess(args[1], "churn", "\"/opt/casaws/helper\" --profile \"churn\"", "r" + random.Next(), force: false, CancellationToken.None);
                    ConfigFileProfiles.Remove(args[1], "churn", force: false, CancellationToken.None);
                }
            }

            Console.Error.WriteLine("usage: once CREDENTIALS CONFIG PROFILE GOFILE | loop CONFIG STARTEDFILE");
            return 2;
        }
    }
}
