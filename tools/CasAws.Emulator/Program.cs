using CasAws.Emulator;
using CasAws.Emulator.Config;
using CasAws.Emulator.Hosting;

CommandLine options;
EmulatorConfig config;
try
{
    options = CommandLine.Parse(args);
    if (options.ShowHelp)
    {
        Console.WriteLine(CommandLine.Usage);
        return 0;
    }
    config = ConfigLoader.LoadFile(options.ConfigPath ?? ConfigLoader.SamplePath);
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
    Console.WriteLine("CasAws emulator (CAS awsSts + Duo + STS) on 127.0.0.1");
    foreach (var (name, server) in urls.CasServers)
    {
        Console.WriteLine($"  CAS '{name}' awsSts:  {server.CasBaseHttps}/{server.EndpointPath}");
        Console.WriteLine($"  CAS '{name}' (http):  {server.CasBaseHttp}/{server.EndpointPath}");
    }
    Console.WriteLine($"  STS:              {urls.StsUrlHttps}   (http: {urls.StsUrlHttp})");
    Console.WriteLine($"  Federation:       {urls.FederationUrl}");
    Console.WriteLine($"  Control:          {urls.ControlUrl}");
    Console.WriteLine($"  Certificate PEM:  {urls.CertificatePem}");
    Console.WriteLine("Press Ctrl+C to stop.");
    Console.Out.Flush();
    if (options.ReadyFile is not null) urls.WriteReadyFile(options.ReadyFile);
    await emulator.WaitForShutdownAsync();
    Console.WriteLine("Emulator stopped.");
}
if (options.CertificateOut is null) File.Delete(certificateOut);
return 0;
