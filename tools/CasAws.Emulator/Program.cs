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

// Without --cert-out the certificate goes into a directory of its own that only this user can enter
// (created fresh with mode 0700), never to a predictable temp path another user could plant a link at.
var privateDirectory = options.CertificateOut is null ? Directory.CreateTempSubdirectory("casaws-emulator-") : null;
var certificateOut = options.CertificateOut ?? Path.Combine(privateDirectory!.FullName, "certificate.pem");
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
    privateDirectory?.Delete(recursive: true);
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
privateDirectory?.Delete(recursive: true);
return 0;
