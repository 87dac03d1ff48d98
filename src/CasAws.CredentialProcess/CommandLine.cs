namespace CasAws.CredentialProcess
{
    /// <summary>The helper's arguments, as Register-CasAwsProfile writes them into credential_process.</summary>
    internal sealed class CommandLine
    {
        private CommandLine(string profile, string? server, string? roleArn)
        {
            Profile = profile;
            Server = server;
            RoleArn = roleArn;
        }

        public string Profile { get; }

        /// <summary>Only used to say how to log in again when the cache cannot.</summary>
        public string? Server { get; }

        public string? RoleArn { get; }

        public static bool TryParse(string[] args, out CommandLine? commandLine, out string? problem)
        {
            string? profile = null;
            string? server = null;
            string? roleArn = null;
            commandLine = null;
            for (int i = 0; i < args.Length; i++)
            {
                if (i + 1 >= args.Length)
                {
                    problem = $"'{args[i]}' needs a value.";
                    return false;
                }

                switch (args[i])
                {
                    case "--profile":
                        profile = args[++i];
                        break;
                    case "--server":
                        server = args[++i];
                        break;
                    case "--role-arn":
                        roleArn = args[++i];
                        break;
                    default:
                        problem = $"unknown argument '{args[i]}'.";
                        return false;
                }
            }

            if (string.IsNullOrEmpty(profile))
            {
                problem = "--profile is missing.";
                return false;
            }

            commandLine = new CommandLine(profile!, server, roleArn);
            problem = null;
            return true;
        }
    }
}
