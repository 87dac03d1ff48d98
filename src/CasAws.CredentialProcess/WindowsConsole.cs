using System;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace CasAws.CredentialProcess
{
    /// <summary>
    /// The console window the 'aws' command runs in, opened as CONIN$/CONOUT$ (which fails without one,
    /// e.g. in a service or a scheduled task). Echo is switched off through the console input mode.
    /// </summary>
    internal sealed class WindowsConsole : Terminal
    {
        private const uint GenericRead = 0x80000000;
        private const uint GenericWrite = 0x40000000;
        private const uint ShareReadWrite = 0x3;
        private const uint OpenExisting = 3;
        private const uint EchoInput = 0x4;
        private const int OperationAborted = 995;
        private static readonly IntPtr Invalid = new IntPtr(-1);

        private readonly IntPtr _input;
        private readonly IntPtr _output;
        private uint _savedMode;
        private int _echoOff;

        private WindowsConsole(IntPtr input, IntPtr output)
        {
            _input = input;
            _output = output;
        }

        public override bool IsForeground => true;

        public static WindowsConsole? Open()
        {
            IntPtr input = Native.CreateFileW("CONIN$", GenericRead | GenericWrite, ShareReadWrite, IntPtr.Zero, OpenExisting, 0, IntPtr.Zero);
            IntPtr output = Native.CreateFileW("CONOUT$", GenericRead | GenericWrite, ShareReadWrite, IntPtr.Zero, OpenExisting, 0, IntPtr.Zero);
            if (input == Invalid || output == Invalid || !Native.GetConsoleMode(input, out _))
            {
                if (input != Invalid) Native.CloseHandle(input);
                if (output != Invalid) Native.CloseHandle(output);
                return null;
            }

            return new WindowsConsole(input, output);
        }

        public override void Write(string text) => Native.WriteConsoleW(_output, text, (uint)text.Length, out _, IntPtr.Zero);

        public override void RestoreEcho()
        {
            if (Interlocked.Exchange(ref _echoOff, 0) == 1)
            {
                Native.SetConsoleMode(_input, _savedMode);
            }
        }

        public override void Dispose()
        {
            RestoreEcho();
            Native.CloseHandle(_input);
            Native.CloseHandle(_output);
        }

        protected override char[]? ReadChars(string prompt, bool echo, CancellationToken cancellation)
        {
            if (!echo && Native.GetConsoleMode(_input, out _savedMode))
            {
                Interlocked.Exchange(ref _echoOff, 1);
                Native.SetConsoleMode(_input, _savedMode & ~EchoInput);
            }

            Write(prompt);

            var line = new StringBuilder();
            char[] buffer = new char[256];
            try
            {
                while (true)
                {
                    cancellation.ThrowIfCancellationRequested();
                    if (!Native.ReadConsoleW(_input, buffer, (uint)buffer.Length, out uint read, IntPtr.Zero) || read == 0)
                    {
                        // Ctrl+C aborts the read; the handler cancels on another thread a moment later.
                        if (Marshal.GetLastPInvokeError() == OperationAborted || cancellation.WaitHandle.WaitOne(200))
                        {
                            cancellation.ThrowIfCancellationRequested();
                            continue;
                        }

                        return null;
                    }

                    int end = Array.IndexOf(buffer, '\n', 0, (int)read);
                    line.Append(buffer, 0, end < 0 ? (int)read : end);
                    if (end >= 0)
                    {
                        break;
                    }
                }

                char[] result = new char[line.Length];
                line.CopyTo(0, result, 0, line.Length);
                int length = result.Length > 0 && result[result.Length - 1] == '\r' ? result.Length - 1 : result.Length;
                char[] trimmed = result[..length];
                Array.Clear(result, 0, result.Length);
                return trimmed;
            }
            finally
            {
                Array.Clear(buffer, 0, buffer.Length);
                line.Clear();
                if (!echo)
                {
                    RestoreEcho();
                    Write(Environment.NewLine);
                }
            }
        }

        private static class Native
        {
            [DllImport("kernel32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
            public static extern IntPtr CreateFileW(string name, uint access, uint share, IntPtr security, uint creation, uint flags, IntPtr template);

            [DllImport("kernel32.dll", SetLastError = true)]
            public static extern bool CloseHandle(IntPtr handle);

            [DllImport("kernel32.dll", SetLastError = true)]
            public static extern bool GetConsoleMode(IntPtr handle, out uint mode);

            [DllImport("kernel32.dll", SetLastError = true)]
            public static extern bool SetConsoleMode(IntPtr handle, uint mode);

            [DllImport("kernel32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
            public static extern bool ReadConsoleW(IntPtr handle, [Out] char[] buffer, uint toRead, out uint read, IntPtr control);

            [DllImport("kernel32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
            public static extern bool WriteConsoleW(IntPtr handle, string text, uint length, out uint written, IntPtr reserved);
        }
    }
}
