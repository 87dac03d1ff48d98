using System;
using System.Linq;
using Amazon.Runtime.Credentials;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

// Usage: CasAws.SdkClient <STS endpoint URL>. Reads commands from stdin, one per line, and answers one line each:
//   call  -> "ok <access key id used> <caller ARN>" or "error <access key id used> <exception type>: <message>"
//   env   -> "env <NAME>=<set|unset> ..." for the variables a test checks (never their values)
//   quit  -> exits
// The client is created once and reused, as a long-running program would.
// The tests move the emulator's clock to expire keys; the SDK must not follow that clock through the Date
// header (clock-skew correction), or its requests are refused for their signature time, not their keys.
Amazon.AWSConfigs.CorrectForClockSkew = false;
var config = new AmazonSecurityTokenServiceConfig { ServiceURL = args[0], AuthenticationRegion = "us-east-1" };
using var client = new AmazonSecurityTokenServiceClient(config);
Console.Out.WriteLine("ready");
Console.Out.Flush();
string? line;
while ((line = Console.In.ReadLine()) != null)
{
    switch (line.Trim())
    {
        case "call":
            string key = "?";
            try
            {
                key = (await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(config)).GetCredentials().AccessKey;
                GetCallerIdentityResponse who = await client.GetCallerIdentityAsync(new GetCallerIdentityRequest());
                Console.Out.WriteLine($"ok {key} {who.Arn}");
            }
            catch (Exception problem)
            {
                Console.Out.WriteLine($"error {key} {problem.GetType().Name}: {problem.Message.Replace('\n', ' ')}");
            }
            break;
        case "env":
            string[] names = { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI" };
            Console.Out.WriteLine("env " + string.Join(" ", names.Select(n => n + "=" + (Environment.GetEnvironmentVariable(n) is null ? "unset" : "set"))));
            break;
        case "quit":
            return 0;
    }

    Console.Out.Flush();
}

return 0;
