using System.IO;
using System.Text;

namespace CasAws.CredentialProcess
{
    /// <summary>What the AWS CLI reads: the JSON on standard output, one line without secrets on standard error.</summary>
    internal static class StandardStreams
    {
        public static void WriteOutput(string text) => Write(System.Console.OpenStandardOutput(), text);

        public static void WriteErrorLine(string line) => Write(System.Console.OpenStandardError(), line + "\n");

        private static void Write(Stream stream, string text)
        {
            using (stream)
            {
                byte[] bytes = Encoding.UTF8.GetBytes(text);
                stream.Write(bytes, 0, bytes.Length);
            }
        }
    }
}
