using System;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Reflection;

namespace CasAws.Aws
{
    /// <summary>
    /// Loads CasAws.Sts (and with it the AWS SDK) the first time a feature needs STS, never at import.
    /// </summary>
    /// <remarks>
    /// The assemblies sit in a folder of their own, 'sts' beside CasAws.Core.dll and CasAws.Cmdlets.dll, so that nothing
    /// probes them by accident. On PowerShell 7 they load into a private AssemblyLoadContext
    /// (<see cref="StsLoadContext"/>): AWS Tools for PowerShell may already hold another AWSSDK.Core in the
    /// default context, and two copies there break one of the two modules. Windows PowerShell 5.1 has no
    /// load contexts; there <see cref="DesktopStsResolver"/> loads them side by side by path.
    /// </remarks>
    internal static class StsBridgeLoader
    {
        internal const string StsAssemblyName = "CasAws.Sts";
        internal const string BridgeTypeName = "CasAws.Sts.StsBridge";

        private static readonly object Gate = new object();
        private static IStsBridge? bridge;

        /// <summary>The folder the STS assemblies are laid out in by tools/Build-ModuleLayout.ps1.</summary>
#if NET
        [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "The STS island and the module layout are used only by the PowerShell module, which is neither trimmed nor single-file; the trimmed helper never reaches this code.")]
#endif
        internal static string DefaultFolder =>
            Path.Combine(Path.GetDirectoryName(typeof(StsBridgeLoader).Assembly.Location) ?? ".", "sts");

        /// <summary>True once CasAws.Sts has been loaded in this process.</summary>
        internal static bool IsLoaded
        {
            get { lock (Gate) { return bridge != null; } }
        }

        /// <summary>The bridge, loading CasAws.Sts on first use.</summary>
        /// <exception cref="FileNotFoundException">The module's sts folder is missing or incomplete.</exception>
        public static IStsBridge Get()
        {
            lock (Gate)
            {
                return bridge ??= Load(DefaultFolder);
            }
        }

        /// <summary>Loads CasAws.Sts from <paramref name="folder"/> in isolation; a new bridge each call (tests use this).</summary>
#if NET
        [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The STS island and the module layout are used only by the PowerShell module, which is neither trimmed nor single-file; the trimmed helper never reaches this code.")]
        [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "The STS island and the module layout are used only by the PowerShell module, which is neither trimmed nor single-file; the trimmed helper never reaches this code.")]
#endif
        internal static IStsBridge Load(string folder)
        {
            string path = Path.Combine(folder, StsAssemblyName + ".dll");
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    "The STS part of CasAws is missing: '" + path + "' was not found. Reinstall the module.", path);
            }
#if NET
            Assembly assembly = new StsLoadContext(folder).LoadFromAssemblyPath(path);
#else
            Assembly assembly = DesktopStsResolver.Load(folder, path);
#endif
            Type type = assembly.GetType(BridgeTypeName, throwOnError: true)!;
            return (IStsBridge)Activator.CreateInstance(type)!;
        }
    }
}
