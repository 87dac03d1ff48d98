#if NET
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace CasAws.Aws
{
    /// <summary>
    /// PowerShell 7's private load context for CasAws.Sts and its AWS SDK: everything found in the sts
    /// folder loads here, so our AWSSDK.Core never meets the one AWS Tools loads into the default context.
    /// CasAws.Core itself resolves to the copy already loaded, so <see cref="IStsBridge"/> and the
    /// types it passes are one and the same on both sides. Anything else (the framework) falls back to
    /// the default context.
    /// </summary>
    internal sealed class StsLoadContext : AssemblyLoadContext
    {
        private readonly string folder;

        public StsLoadContext(string folder)
            : base("CasAws.Sts", isCollectible: false)
        {
            this.folder = folder;
        }

        [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The STS island and the module layout are used only by the PowerShell module, which is neither trimmed nor single-file; the trimmed helper never reaches this code.")]
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            Assembly shared = typeof(IStsBridge).Assembly;
            if (string.Equals(assemblyName.Name, shared.GetName().Name, System.StringComparison.OrdinalIgnoreCase))
            {
                return shared;
            }

            string candidate = Path.Combine(folder, assemblyName.Name + ".dll");
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }
    }
}
#endif
