using System.Net;
using Amazon.Runtime;
using Amazon.SecurityToken;
using CasAws.Emulator.Config;
using CasAws.Emulator.Hosting;

namespace CasAws.Tests.Emulator;

/// <summary>An in-process emulator on 127.0.0.1 free ports, from the sample configuration adjusted per test.</summary>
internal sealed class TestEmulator : IAsyncDisposable
{
    public const string Account = "123456789012";
    public const string DeveloperRole = "arn:aws:iam::123456789012:role/CasDeveloper";
    public const string AdminRole = "arn:aws:iam::123456789012:role/engineering/CasAdmin";
    public const string OddRole = "arn:aws:iam::123456789012:role/ops/team.a/Read+Only=1,x@y_z-2";
    public const string ChainRole = "arn:aws:iam::123456789012:role/ChainTarget";
    public const string ExternalRole = "arn:aws:iam::123456789012:role/ExternalPartner";
    public const string MfaRole = "arn:aws:iam::123456789012:role/MfaRequired";
    public const string SamlRole = "arn:aws:iam::123456789012:role/CasSaml";
    public const string SamlProvider = "arn:aws:iam::123456789012:saml-provider/CasIdP";

    private TestEmulator(RunningEmulator running, EmulatorConfig config)
    {
        Running = running;
        Config = config;
        Http = new HttpClient { BaseAddress = new Uri(running.Endpoints.HttpUrl), Timeout = TimeSpan.FromSeconds(60) };
        Http.DefaultRequestHeaders.Add(ControlToken.Header, running.Endpoints.ControlToken);
    }

    public RunningEmulator Running { get; }
    public EmulatorConfig Config { get; }
    public HttpClient Http { get; }

    public static EmulatorConfig SampleConfig() => ConfigLoader.LoadFile(ConfigLoader.SamplePath);

    public static async Task<TestEmulator> StartAsync(Action<EmulatorConfig>? adjust = null)
    {
        var config = SampleConfig();
        config.Duo.PushTimeoutSeconds = 5;
        adjust?.Invoke(config);
        var running = await EmulatorHost.StartAsync(config, new EmulatorHostOptions());
        return new TestEmulator(running, config);
    }

    public IamUserConfig IamUser(string name) => Config.Sts.IamUsers.Single(u => u.UserName == name);

    /// <summary>The code the IAM user's virtual MFA device shows now (RFC 6238 on the emulator's clock).</summary>
    public string AwsMfaCode(string iamUser) => CasAws.Emulator.Mfa.Totp.CodeAt(IamUser(iamUser).MfaSecret!, Running.Clock.UtcNow);

    public UserConfig User(string name) => Config.Users.Single(u => u.Username == name);

    /// <summary>POSTs a form to a CAS server's awsSts endpoint over HTTP.</summary>
    public async Task<(HttpStatusCode Status, string Body, string? ContentType)> PostCasAsync(
        IEnumerable<KeyValuePair<string, string>> form, string server = "cas", string query = "", CancellationToken cancellation = default)
    {
        using var response = await Http.PostAsync(CasPath(server) + query, new FormUrlEncodedContent(form), cancellation);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellation), response.Content.Headers.ContentType?.MediaType);
    }

    public string CasPath(string server = "cas")
    {
        var config = Config.CasServers.Single(s => s.Name == server);
        return config.BasePath + "/" + config.EndpointPath;
    }

    public static KeyValuePair<string, string>[] Form(params (string Key, string Value)[] fields) =>
        fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).ToArray();

    /// <summary>Parses CAS's success body into its key/value lines (split at the first '=').</summary>
    public static Dictionary<string, string> ParseIni(string body) =>
        body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.TrimEnd('\r').Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    public AmazonSecurityTokenServiceClient StsClient(AWSCredentials credentials, bool https = false) =>
        new(credentials, new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = https ? Running.Endpoints.StsUrlHttps : Running.Endpoints.StsUrlHttp,
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });

    public AmazonSecurityTokenServiceClient StsClientFor(string iamUser)
    {
        var user = IamUser(iamUser);
        return StsClient(new BasicAWSCredentials(user.AccessKeyId, user.SecretAccessKey));
    }

    public AmazonSecurityTokenServiceClient StsClientFor(Dictionary<string, string> casKeys) =>
        StsClient(new SessionAWSCredentials(casKeys["aws_access_key_id"], casKeys["aws_secret_access_key"], casKeys["aws_session_token"]));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Running.DisposeAsync();
    }
}
