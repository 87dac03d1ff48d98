using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

// Loads the module's desktop build (netstandard2.0 cmdlets + net472 CasAws.Sts and its SDK) the way Windows
// PowerShell 5.1 would, by path, optionally after a foreign AWSSDK.Core, and calls STS GetCallerIdentity.
public static class DesktopStsCheck
{
    public static int Main(string[] args)
    {
        string desktop = args[0];
        string stsUrl = args[1];
        string accessKey = args[2];
        string secretKey = args[3];
        string foreignSdk = args.Length > 4 ? args[4] : null;

        if (foreignSdk != null)
        {
            Assembly foreign = Assembly.LoadFrom(foreignSdk);
            Console.WriteLine("foreign: " + foreign.GetName().Version + " " + foreign.Location);
            Use(foreign, "before");
        }

        Assembly cmdlets = Assembly.LoadFrom(Path.Combine(desktop, "CasAws.Cmdlets.dll"));
        Type loader = cmdlets.GetType("CasAws.Aws.StsBridgeLoader", true);
        object bridge = loader.GetMethod("Load", BindingFlags.Static | BindingFlags.NonPublic).Invoke(null, new object[] { Path.Combine(desktop, "sts") });
        Type endpointType = cmdlets.GetType("CasAws.Aws.StsEndpoint", true);
        object endpoint = Activator.CreateInstance(endpointType, new Uri(stsUrl), "us-east-1", TimeSpan.FromSeconds(20));
        Type credentialType = cmdlets.GetType("CasAws.Credentials.CasAwsCredential", true);
        object credential = Activator.CreateInstance(credentialType, accessKey, secretKey, "", DateTime.UtcNow.AddHours(1));
        Type bridgeInterface = cmdlets.GetType("CasAws.Aws.IStsBridge", true);
        var task = (Task)bridgeInterface.GetMethod("GetCallerIdentityAsync").Invoke(bridge, new object[] { endpoint, credential, CancellationToken.None });
        task.GetAwaiter().GetResult();
        object identity = task.GetType().GetProperty("Result").GetValue(task);
        Console.WriteLine("casaws: " + identity.GetType().GetProperty("Arn").GetValue(identity));

        foreach (Assembly assembly in AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name.StartsWith("AWSSDK") || a.GetName().Name.StartsWith("CasAws")))
        {
            Console.WriteLine("loaded: " + assembly.GetName().Name + " " + assembly.GetName().Version + " " + assembly.Location);
        }

        if (foreignSdk != null)
        {
            Use(AppDomain.CurrentDomain.GetAssemblies().First(a => a.Location == Path.GetFullPath(foreignSdk)), "after");
        }

        return 0;
    }

    private static void Use(Assembly sdk, string when)
    {
        Type basic = sdk.GetType("Amazon.Runtime.BasicAWSCredentials", true);
        object credentials = Activator.CreateInstance(basic, "AKIAFOREIGNCOPY00001", "foreign-secret");
        object immutable = basic.GetMethod("GetCredentials").Invoke(credentials, null);
        Console.WriteLine("foreign " + when + ": " + immutable.GetType().GetProperty("AccessKey").GetValue(immutable));
    }
}
