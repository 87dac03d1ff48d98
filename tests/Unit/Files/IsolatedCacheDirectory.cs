using System.Runtime.CompilerServices;

namespace CasAws.Tests.Files;

/// <summary>
/// Points CasAws's private directories (cache and lock files; the data directory with the helper copy)
/// at temporary directories for the whole test process, before any test runs, so no test touches the
/// real ~/.cache/casaws, ~/.local/share/casaws or ~/.config/casaws.
/// </summary>
internal static class IsolatedCacheDirectory
{
    public static string Path { get; private set; } = string.Empty;

    [ModuleInitializer]
    internal static void Isolate()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "casaws-tests-" + Environment.ProcessId);
        Environment.SetEnvironmentVariable("CASAWS_CACHE_DIR", Path);
        Environment.SetEnvironmentVariable("CASAWS_DATA_DIR", Path + "-data");
        Environment.SetEnvironmentVariable("CASAWS_CONFIG_DIR", Path + "-config");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            RemoveQuietly(Path);
            RemoveQuietly(Path + "-data");
            RemoveQuietly(Path + "-config");
        };
    }

    /// <summary>The run leaves nothing in the temp directory (issue 11, item 14).</summary>
    private static void RemoveQuietly(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
