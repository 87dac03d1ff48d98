using System.Globalization;

namespace CasAws.Emulator;

/// <summary>The emulator's command line: [--config file.json] [--https-port N] [--http-port N] [--cert-out file.pem] [--ready-file file.json].</summary>
public sealed class CommandLine
{
    public const string Usage =
        "usage: casaws-emulator [--config file.json] [--https-port N] [--http-port N] [--cert-out file.pem] [--ready-file file.json]\n" +
        "  ports default to 0 (a free port); binds 127.0.0.1 only; --config defaults to emulator.sample.json beside the program.";

    public string? ConfigPath { get; private set; }
    public int HttpsPort { get; private set; }
    public int HttpPort { get; private set; }
    public string? CertificateOut { get; private set; }
    public string? ReadyFile { get; private set; }
    public bool ShowHelp { get; private set; }

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var result = new CommandLine();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            int Port() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
                ? port : throw new ArgumentException($"{args[i - 1]} needs a port number 0-65535.");
            switch (args[i])
            {
                case "--config": result.ConfigPath = Value(); break;
                case "--https-port": result.HttpsPort = Port(); break;
                case "--http-port": result.HttpPort = Port(); break;
                case "--cert-out": result.CertificateOut = Value(); break;
                case "--ready-file": result.ReadyFile = Value(); break;
                case "-h" or "--help" or "-?": result.ShowHelp = true; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.\n{Usage}");
            }
        }
        return result;
    }
}
