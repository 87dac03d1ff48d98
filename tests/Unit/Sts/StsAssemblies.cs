using CasAws.Aws;

namespace CasAws.Tests.Sts;

/// <summary>Where the build left CasAws.Sts and its AWS SDK (net8.0), for loading them as the module does.</summary>
internal static class StsAssemblies
{
    public static string Folder
    {
        get
        {
            // The tests run from tests/Unit/bin/<Configuration>/net10.0/.
            var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string configuration = testBin.Parent!.Name;
            string root = testBin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
            return Path.Combine(root, "src", "CasAws.Sts", "bin", configuration, "net8.0");
        }
    }

    private static readonly Lazy<IStsBridge> Shared = new(() => StsBridgeLoader.Load(Folder));

    /// <summary>One bridge for the test run, in its own private load context.</summary>
    public static IStsBridge Bridge => Shared.Value;
}
