using CasAws.Emulator;
using CasAws.Emulator.Config;
using CasAws.Emulator.Hosting;

CommandLine options;
EmulatorConfig config;
string configPath;
try
{
    options = CommandLine.Parse(args);
    if (options.ShowHelp)
    {
        Console.WriteLine(CommandLine.Usage);
        return 0;
    }
    configPath = Path.GetFullPath(options.ConfigPath ?? ConfigLoader.SamplePath);
    config = ConfigLoader.LoadFile(configPath);
}
catch (Exception e) when (e is ArgumentException or InvalidOperationException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var certificateOut = options.CertificateOut ?? Path.Combine(Path.GetTempPath(), $"casaws-emulator-{Environment.ProcessId}.pem");
RunningEmulator emulator;
try
{
    emulator = await EmulatorHost.StartAsync(config, new EmulatorHostOptions
    {
        HttpsPort = options.HttpsPort,
        HttpPort = options.HttpPort,
        CertificateOut = certificateOut,
        Log = Console.Out,
    });
}
catch (IOException e)
{
    Console.Error.WriteLine($"The emulator could not listen: {e.Message}");
    return 3;
}

await using (emulator)
{
    var urls = emulator.Endpoints;
    StartupBanner.Write(Console.Out, urls, config, configPath);
    if (options.ReadyFile is not null) urls.WriteReadyFile(options.ReadyFile);
    await emulator.WaitForShutdownAsync();
    Console.WriteLine("Emulator stopped.");
}
if (options.CertificateOut is null) File.Delete(certificateOut);
return 0;
