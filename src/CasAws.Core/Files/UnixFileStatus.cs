#if NET8_0_OR_GREATER
using System.Runtime.InteropServices;

namespace CasAws.Files
{
    /// <summary>
    /// The owner of a path and the current user's id on Unix, which .NET exposes no API for. Uses the
    /// runtime's own native shim (libSystem.Native, present beside every .NET runtime and linked into
    /// single-file hosts), whose FileStatus starts with Flags, Mode, Uid on every Unix it supports.
    /// </summary>
    internal static class UnixFileStatus
    {
        private const string SystemNative = "libSystem.Native";

        /// <summary>The owner's user id of <paramref name="path"/> (links followed), or null when it cannot be read.</summary>
        public static uint? OwnerOf(string path) => Stat(path, out FileStatus status) == 0 ? status.Uid : (uint?)null;

        public static uint CurrentUserId() => GetEUid();

        [DllImport(SystemNative, EntryPoint = "SystemNative_Stat", SetLastError = true)]
        private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatus status);

        [DllImport(SystemNative, EntryPoint = "SystemNative_GetEUid")]
        private static extern uint GetEUid();

        /// <summary>Only the leading fields are read; the size leaves room for every runtime's full structure.</summary>
        [StructLayout(LayoutKind.Explicit, Size = 256)]
        private struct FileStatus
        {
            [FieldOffset(8)]
            public uint Uid;
        }
    }
}
#endif
