#if !NET
using System;
using System.IO;
using System.Reflection;

namespace CasAws.Aws
{
    /// <summary>
    /// Windows PowerShell 5.1 (.NET Framework) has no load contexts. Strong-named assemblies of different
    /// versions (AWS Tools' AWSSDK.Core 3.3.0.0, ours 4.0.0.0) load side by side when loaded by path, so
    /// CasAws.Sts is loaded from the sts folder and every dependency it asks for is answered from that
    /// folder, whatever version it names (Windows PowerShell has no binding redirects for a module's
    /// private System.Text.Json, System.Memory and friends). CasAws.Cmdlets resolves to the loaded copy.
    /// Equal assembly versions unify to the first one loaded: when AWS Tools V5 loaded an older AWSSDK.Core
    /// 4.x first, ours would run against it, so that case is refused with advice instead.
    /// </summary>
    internal static class DesktopStsResolver
    {
        private static string? folder;

        public static Assembly Load(string stsFolder, string stsAssemblyPath)
        {
            RefuseOlderSdkOfSameVersion(stsFolder);
            if (folder == null)
            {
                folder = stsFolder;
                AppDomain.CurrentDomain.AssemblyResolve += Resolve;
            }

            return Assembly.LoadFrom(stsAssemblyPath);
        }

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            string name = new AssemblyName(args.Name).Name ?? string.Empty;
            Assembly shared = typeof(IStsBridge).Assembly;
            if (string.Equals(name, shared.GetName().Name, StringComparison.OrdinalIgnoreCase))
            {
                return shared;
            }

            // Answer only our own assemblies' requests: another module's failed load is not ours to redirect.
            // (.NET Framework leaves RequestingAssembly null for some loads; those get the folder's file too.)
            Assembly? requester = args.RequestingAssembly;
            if (requester != null && !IsInFolder(requester))
            {
                return null;
            }

            string candidate = Path.Combine(folder!, name + ".dll");
            return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
        }

        private static void RefuseOlderSdkOfSameVersion(string stsFolder)
        {
            string oursPath = Path.Combine(stsFolder, "AWSSDK.Core.dll");
            if (!File.Exists(oursPath))
            {
                return;
            }

            AssemblyName ours = AssemblyName.GetAssemblyName(oursPath);
            foreach (Assembly loaded in AppDomain.CurrentDomain.GetAssemblies())
            {
                AssemblyName name = loaded.GetName();
                if (name.Name != ours.Name || name.Version != ours.Version || IsSameFile(loaded.Location, oursPath))
                {
                    continue;
                }

                Version theirs = FileVersion(loaded.Location);
                Version needed = FileVersion(oursPath);
                if (theirs < needed)
                {
                    throw new FileLoadException(
                        "Windows PowerShell has already loaded AWSSDK.Core " + theirs + " (from " + loaded.Location + "), older than the "
                        + needed + " that CasAws's STS features need, and it cannot load two copies of the same assembly version. "
                        + "Use a CasAws STS feature before importing AWS Tools in a new session, or use PowerShell 7, where both copies coexist.");
                }
            }
        }

        private static Version FileVersion(string path)
        {
            string? text = System.Diagnostics.FileVersionInfo.GetVersionInfo(path).FileVersion;
            return Version.TryParse(text, out Version? version) ? version! : new Version(0, 0);
        }

        private static bool IsSameFile(string a, string b) =>
            string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.OrdinalIgnoreCase);

        private static bool IsInFolder(Assembly assembly)
        {
            string? directory = Path.GetDirectoryName(assembly.Location);
            return directory != null && string.Equals(
                Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar),
                Path.GetFullPath(folder!).TrimEnd(Path.DirectorySeparatorChar),
                StringComparison.OrdinalIgnoreCase);
        }
    }
}
#endif
