using System.Text.Json;
using System.Text.Json.Serialization;

namespace CasAws.Emulator.Hosting;

/// <summary>Where one CAS server of the emulator answers.</summary>
public sealed record CasServerEndpoints(
    [property: JsonPropertyName("casBaseHttps")] string CasBaseHttps,
    [property: JsonPropertyName("casBaseHttp")] string CasBaseHttp,
    [property: JsonPropertyName("endpointPath")] string EndpointPath,
    [property: JsonPropertyName("oidcIssuerHttps")] string? OidcIssuerHttps = null,
    [property: JsonPropertyName("oidcIssuerHttp")] string? OidcIssuerHttp = null);

/// <summary>The ready-file: every URL a client or test needs, written once the emulator listens.</summary>
public sealed record EmulatorEndpoints(
    [property: JsonPropertyName("httpsUrl")] string HttpsUrl,
    [property: JsonPropertyName("httpUrl")] string HttpUrl,
    [property: JsonPropertyName("casBaseHttps")] string CasBaseHttps,
    [property: JsonPropertyName("casBaseHttp")] string CasBaseHttp,
    [property: JsonPropertyName("casServers")] IReadOnlyDictionary<string, CasServerEndpoints> CasServers,
    [property: JsonPropertyName("stsUrlHttps")] string StsUrlHttps,
    [property: JsonPropertyName("stsUrlHttp")] string StsUrlHttp,
    [property: JsonPropertyName("controlUrl")] string ControlUrl,
    [property: JsonPropertyName("federationUrl")] string FederationUrl,
    [property: JsonPropertyName("federationUrlHttp")] string FederationUrlHttp,
    [property: JsonPropertyName("consoleLogoutUrl")] string ConsoleLogoutUrl,
    [property: JsonPropertyName("iamUrl")] string IamUrl,
    [property: JsonPropertyName("certificatePem")] string? CertificatePem,
    [property: JsonPropertyName("processId")] int ProcessId,
    [property: JsonPropertyName("controlToken")] string ControlToken)
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Writes to a temporary file and renames it, so a reader never sees half a file.</summary>
    public void WriteReadyFile(string path)
    {
        var full = Path.GetFullPath(path);
        var temporary = full + "." + Environment.ProcessId + ".tmp";
        File.WriteAllText(temporary, ToJson());
        File.Move(temporary, full, overwrite: true);
    }
}
