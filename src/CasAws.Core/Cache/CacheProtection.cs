using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.IO;
using System.Text;

namespace CasAws.Cache
{
    /// <summary>
    /// Encrypts cache files with the user's DPAPI key on Windows (CryptProtectData), so that another
    /// account or a copied disk cannot read them. On Unix the protection is the owner-only directory
    /// and 0600 files, and the bytes are stored as they are.
    /// </summary>
    /// <remarks>P/Invoke instead of the ProtectedData package: no extra assembly for the helper executable to load.</remarks>
    internal static class CacheProtection
    {
        private const int CryptProtectUiForbidden = 0x1;
        private static readonly byte[] Entropy = Encoding.UTF8.GetBytes("CasAws credential cache");

        private static bool IsWindows => Path.DirectorySeparatorChar == '\\';

        public static byte[] Protect(byte[] plain) => IsWindows ? Transform(plain, protect: true) : plain;

        /// <exception cref="Win32Exception">The bytes were not protected by this user on this machine.</exception>
        public static byte[] Unprotect(byte[] stored) => IsWindows ? Transform(stored, protect: false) : stored;

        private static byte[] Transform(byte[] input, bool protect)
        {
            GCHandle inputPin = GCHandle.Alloc(input, GCHandleType.Pinned);
            GCHandle entropyPin = GCHandle.Alloc(Entropy, GCHandleType.Pinned);
            var output = default(DataBlob);
            try
            {
                var inputBlob = new DataBlob { Size = input.Length, Data = inputPin.AddrOfPinnedObject() };
                var entropyBlob = new DataBlob { Size = Entropy.Length, Data = entropyPin.AddrOfPinnedObject() };
                bool ok = protect
                    ? NativeMethods.CryptProtectData(ref inputBlob, null, ref entropyBlob, IntPtr.Zero, IntPtr.Zero, CryptProtectUiForbidden, ref output)
                    : NativeMethods.CryptUnprotectData(ref inputBlob, IntPtr.Zero, ref entropyBlob, IntPtr.Zero, IntPtr.Zero, CryptProtectUiForbidden, ref output);
                if (!ok)
                {
                    throw new Win32Exception(Marshal.GetLastWin32Error());
                }

                var result = new byte[output.Size];
                Marshal.Copy(output.Data, result, 0, output.Size);
                return result;
            }
            finally
            {
                if (output.Data != IntPtr.Zero)
                {
                    NativeMethods.LocalFree(output.Data);
                }

                inputPin.Free();
                entropyPin.Free();
            }
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct DataBlob
        {
            public int Size;
            public IntPtr Data;
        }

        private static class NativeMethods
        {
            [DllImport("crypt32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
            public static extern bool CryptProtectData(ref DataBlob dataIn, string? description, ref DataBlob entropy,
                IntPtr reserved, IntPtr prompt, int flags, ref DataBlob dataOut);

            [DllImport("crypt32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
            public static extern bool CryptUnprotectData(ref DataBlob dataIn, IntPtr description, ref DataBlob entropy,
                IntPtr reserved, IntPtr prompt, int flags, ref DataBlob dataOut);

            [DllImport("kernel32.dll")]
            public static extern IntPtr LocalFree(IntPtr memory);
        }
    }
}
