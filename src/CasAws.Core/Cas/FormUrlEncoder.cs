using System;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;

namespace CasAws.Cas
{
    /// <summary>
    /// Builds an application/x-www-form-urlencoded body (UTF-8, RFC 3986 percent-encoding) straight
    /// from SecureStrings, so a password never becomes a managed string; every buffer is wiped.
    /// </summary>
    internal sealed class FormUrlEncoder : IDisposable
    {
        private byte[] _buffer = new byte[256];
        private int _length;

        public void Add(string name, string value)
        {
            char[] chars = value.ToCharArray();
            AddField(name, chars);
        }

        public void Add(string name, SecureString value)
        {
            char[] chars = new char[value.Length];
            IntPtr unmanaged = IntPtr.Zero;
            try
            {
                unmanaged = Marshal.SecureStringToGlobalAllocUnicode(value);
                for (int i = 0; i < chars.Length; i++)
                {
                    chars[i] = (char)Marshal.ReadInt16(unmanaged, i * 2);
                }

                AddField(name, chars);
            }
            finally
            {
                Array.Clear(chars, 0, chars.Length);
                if (unmanaged != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(unmanaged);
            }
        }

        /// <summary>A copy of the encoded body; the caller wipes it after sending.</summary>
        public byte[] ToArray()
        {
            byte[] result = new byte[_length];
            Buffer.BlockCopy(_buffer, 0, result, 0, _length);
            return result;
        }

        public void Dispose()
        {
            Array.Clear(_buffer, 0, _buffer.Length);
            _length = 0;
        }

        private void AddField(string name, char[] value)
        {
            if (_length > 0) AppendByte((byte)'&');
            AppendEncoded(name.ToCharArray());
            AppendByte((byte)'=');
            AppendEncoded(value);
        }

        private void AppendEncoded(char[] chars)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(chars);
            try
            {
                foreach (byte b in utf8)
                {
                    if (IsUnreserved(b))
                    {
                        AppendByte(b);
                    }
                    else
                    {
                        AppendByte((byte)'%');
                        AppendByte(HexDigit(b >> 4));
                        AppendByte(HexDigit(b & 0xF));
                    }
                }
            }
            finally
            {
                Array.Clear(utf8, 0, utf8.Length);
            }
        }

        private static bool IsUnreserved(byte b) =>
            (b >= (byte)'A' && b <= (byte)'Z') || (b >= (byte)'a' && b <= (byte)'z') || (b >= (byte)'0' && b <= (byte)'9')
            || b == (byte)'-' || b == (byte)'.' || b == (byte)'_' || b == (byte)'~';

        private static byte HexDigit(int value) => (byte)(value < 10 ? '0' + value : 'A' + value - 10);

        private void AppendByte(byte b)
        {
            if (_length == _buffer.Length)
            {
                byte[] larger = new byte[_buffer.Length * 2];
                Buffer.BlockCopy(_buffer, 0, larger, 0, _length);
                Array.Clear(_buffer, 0, _buffer.Length);
                _buffer = larger;
            }

            _buffer[_length++] = b;
        }
    }
}
