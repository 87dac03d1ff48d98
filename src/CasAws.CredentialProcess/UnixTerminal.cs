using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace CasAws.CredentialProcess
{
    /// <summary>
    /// The controlling terminal, opened as /dev/tty (which fails when the process has none). Echo is
    /// switched off through termios for secrets; reads poll in short steps so Ctrl+C ends them.
    /// </summary>
    /// <remarks>
    /// struct termios is handled as opaque bytes: only c_lflag's ECHO bit is changed, and c_lflag sits
    /// at byte 12 (Linux, BSDs: 32-bit tcflag_t) or byte 24 (macOS: 64-bit tcflag_t, little-endian).
    /// </remarks>
    internal sealed class UnixTerminal : Terminal
    {
        private const int TermiosBytes = 256;
        private const uint Echo = 0x8;
        private const int TcsaNow = 0;
        private const int TcsaFlush = 2;
        private const short PollIn = 0x1;
        private const int Interrupted = 4; // EINTR on Linux and macOS
        private const int PollMilliseconds = 100;

        private readonly int _fd;
        private readonly byte[] _saved = new byte[TermiosBytes];
        private int _echoOff;
        private byte[]? _quiet;
        private int _suspendedWithEchoOff;

        private UnixTerminal(int fd) => _fd = fd;

        private static int LocalFlagsOffset => OperatingSystem.IsMacOS() ? 24 : 12;

        private static int StopSignal => OperatingSystem.IsMacOS() ? 17 : 19; // SIGSTOP

        public override bool IsForeground => Native.tcgetpgrp(_fd) == Native.getpgrp();

        public static UnixTerminal? Open()
        {
            int noControllingTty = OperatingSystem.IsMacOS() ? 0x20000 : 0x100;
            int closeOnExec = OperatingSystem.IsMacOS() ? 0x1000000 : 0x80000;
            int fd = Native.open("/dev/tty", 2 /* O_RDWR */ | noControllingTty | closeOnExec);
            if (fd < 0)
            {
                return null;
            }

            DetachStandardInputFromTerminal();
            return new UnixTerminal(fd);
        }

        /// <summary>
        /// The helper never reads standard input. When it is the terminal, it becomes /dev/null before any signal
        /// handler exists: .NET reads the terminal settings of standard input when it starts handling signals and
        /// puts them back after Ctrl+Z and fg, which would switch echo on in the middle of the password.
        /// </summary>
        private static void DetachStandardInputFromTerminal()
        {
            if (Native.isatty(0) != 1)
            {
                return;
            }

            int nothing = Native.open("/dev/null", 0 /* O_RDONLY */);
            if (nothing >= 0)
            {
                Native.dup2(nothing, 0);
                Native.close(nothing);
            }
        }

        public override void Write(string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text.Replace(Environment.NewLine, "\n"));
            int offset = 0;
            while (offset < bytes.Length)
            {
                byte[] rest = offset == 0 ? bytes : bytes[offset..];
                nint written = Native.write(_fd, rest, rest.Length);
                if (written < 0 && Marshal.GetLastPInvokeError() == Interrupted)
                {
                    continue;
                }

                if (written <= 0)
                {
                    return; // the terminal went away: nothing more to show
                }

                offset += (int)written;
            }
        }

        public override void RestoreEcho()
        {
            if (Interlocked.Exchange(ref _echoOff, 0) == 1)
            {
                Native.tcsetattr(_fd, TcsaNow, _saved);
            }
        }

        public override void Dispose()
        {
            RestoreEcho();
            Native.close(_fd);
        }

        protected override char[]? ReadChars(string prompt, bool echo, CancellationToken cancellation)
        {
            if (!echo)
            {
                SwitchEchoOff();
            }

            using IDisposable? suspendHandling = echo || OperatingSystem.IsWindows() ? null : HandleSuspend();
            Write(prompt);

            byte[] line = new byte[128];
            int length = 0;
            try
            {
                byte[] one = new byte[1];
                while (true)
                {
                    bool ready = WaitForInput(cancellation);
                    if (!echo && Interlocked.Exchange(ref _suspendedWithEchoOff, 0) == 1)
                    {
                        // Continued after Ctrl+Z. This thread, not the signal handler, switches echo off again: the
                        // terminal settings the runtime puts back on SIGCONT must not win over it.
                        Interlocked.Exchange(ref _echoOff, 1);
                        Native.tcsetattr(_fd, TcsaNow, _quiet!);
                        Write("\n" + prompt);
                    }

                    if (!ready)
                    {
                        continue;
                    }

                    nint read = Native.read(_fd, one, 1);
                    if (read < 0 && Marshal.GetLastPInvokeError() == Interrupted)
                    {
                        continue;
                    }

                    if (read <= 0)
                    {
                        return null;
                    }

                    if (one[0] == (byte)'\n')
                    {
                        break;
                    }

                    if (one[0] == (byte)'\r')
                    {
                        continue;
                    }

                    if (length == line.Length)
                    {
                        byte[] larger = new byte[line.Length * 2];
                        Buffer.BlockCopy(line, 0, larger, 0, length);
                        Array.Clear(line, 0, line.Length);
                        line = larger;
                    }

                    line[length++] = one[0];
                    one[0] = 0;
                }

                return Encoding.UTF8.GetChars(line, 0, length);
            }
            finally
            {
                Array.Clear(line, 0, line.Length);
                if (!echo)
                {
                    RestoreEcho();
                    Write("\n"); // the Enter the user typed was not echoed
                }
            }
        }

        private void SwitchEchoOff()
        {
            if (Native.tcgetattr(_fd, _saved) != 0)
            {
                throw new IOException("The terminal's settings cannot be read, so the password cannot be asked for without echo.");
            }

            byte[] quiet = (byte[])_saved.Clone();
            _quiet = quiet;
            int offset = LocalFlagsOffset;
            uint flags = BitConverter.ToUInt32(quiet, offset) & ~Echo;
            BitConverter.GetBytes(flags).CopyTo(quiet, offset);
            Interlocked.Exchange(ref _echoOff, 1);
            if (Native.tcsetattr(_fd, TcsaFlush, quiet) != 0)
            {
                Interlocked.Exchange(ref _echoOff, 0);
                throw new IOException("Echo cannot be switched off on this terminal, so the password is not asked for here.");
            }
        }

        /// <summary>
        /// Ctrl+Z while a secret is read: echo comes back before the process stops (the shell the user returns
        /// to must echo); the read loop switches it off again, and shows the prompt again, when the process continues.
        /// </summary>
        [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
        private PosixSignalRegistration? HandleSuspend()
        {
            try
            {
                return PosixSignalRegistration.Create(PosixSignal.SIGTSTP, context =>
                {
                    if (Volatile.Read(ref _echoOff) == 1)
                    {
                        RestoreEcho();
                        Interlocked.Exchange(ref _suspendedWithEchoOff, 1);
                    }

                    // .NET does not stop the process once a handler is registered: stop it as the default action would.
                    context.Cancel = true;
                    Native.kill(Native.getpid(), StopSignal);
                });
            }
            catch (PlatformNotSupportedException)
            {
                return null;
            }
        }

        /// <summary>True when a byte can be read; throws OperationCanceledException after Ctrl+C.</summary>
        private bool WaitForInput(CancellationToken cancellation)
        {
            cancellation.ThrowIfCancellationRequested();
            var poll = new PollDescriptor { Fd = _fd, Events = PollIn };
            int ready = Native.poll(ref poll, 1, PollMilliseconds);
            cancellation.ThrowIfCancellationRequested();
            if (ready < 0 && Marshal.GetLastPInvokeError() != Interrupted)
            {
                throw new IOException("The terminal cannot be read.");
            }

            // Hang-up or error without data: let read() report the end.
            return ready > 0;
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct PollDescriptor
        {
            public int Fd;
            public short Events;
            public short Revents;
        }

        private static class Native
        {
            [DllImport("libc", SetLastError = true)]
            public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

            [DllImport("libc", SetLastError = true)]
            public static extern int close(int fd);

            [DllImport("libc", SetLastError = true)]
            public static extern nint read(int fd, byte[] buffer, nint count);

            [DllImport("libc", SetLastError = true)]
            public static extern nint write(int fd, byte[] buffer, nint count);

            [DllImport("libc", SetLastError = true)]
            public static extern int poll(ref PollDescriptor descriptors, nuint count, int timeoutMilliseconds);

            [DllImport("libc", SetLastError = true)]
            public static extern int tcgetattr(int fd, byte[] termios);

            [DllImport("libc", SetLastError = true)]
            public static extern int tcsetattr(int fd, int when, byte[] termios);

            [DllImport("libc", SetLastError = true)]
            public static extern int tcgetpgrp(int fd);

            [DllImport("libc")]
            public static extern int getpgrp();

            [DllImport("libc")]
            public static extern int getpid();

            [DllImport("libc")]
            public static extern int isatty(int fd);

            [DllImport("libc")]
            public static extern int dup2(int fd, int target);

            [DllImport("libc")]
            public static extern int kill(int pid, int signal);
        }
    }
}
