using System.Text.Json;
using System.Text.Json.Serialization;

namespace CasAws.Emulator.Config;

/// <summary>Reads and checks the JSON configuration, so a typo fails at start and not in the middle of a test.</summary>
public static class ConfigLoader
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <summary>The sample shipped next to the emulator's assembly, used when no --config is given.</summary>
    public static string SamplePath => Path.Combine(AppContext.BaseDirectory, "emulator.sample.json");

    public static EmulatorConfig LoadFile(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Cannot read the emulator configuration '{path}': {e.Message}", e);
        }
        return Parse(json, path);
    }

    public static EmulatorConfig Parse(string json, string source = "configuration")
    {
        EmulatorConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<EmulatorConfig>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"The emulator configuration '{source}' is not valid: {e.Message}", e);
        }
        if (config is null) throw new InvalidOperationException($"The emulator configuration '{source}' is empty.");
        Validate(config, source);
        return config;
    }

    public static void Validate(EmulatorConfig config, string source = "configuration")
    {
        var problems = new List<string>();
        if (config.CasServers.Count == 0) config.CasServers.Add(new CasServerConfig());
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var server in config.CasServers)
        {
            server.BasePath = "/" + server.BasePath.Trim('/');
            server.EndpointPath = server.EndpointPath.Trim('/');
            server.Name ??= server.BasePath.Trim('/') is { Length: > 0 } n ? n : "cas";
            if (!names.Add(server.Name)) problems.Add($"two CAS servers are named '{server.Name}'");
            if (CasVersionExtensions.TryParse(server.Version) is null) problems.Add($"CAS server '{server.Name}': version '{server.Version}' is not one of 6.4, 7.1, 7.2, 7.3, newest");
            if (!server.LineEnding.Equals("LF", StringComparison.OrdinalIgnoreCase) && !server.LineEnding.Equals("CRLF", StringComparison.OrdinalIgnoreCase))
                problems.Add($"CAS server '{server.Name}': lineEnding must be LF or CRLF");
            if (server.EndpointAccess is not ("open" or "notFound" or "forbidden" or "unauthorized" or "loginRedirect"))
                problems.Add($"CAS server '{server.Name}': endpointAccess must be open, notFound, forbidden, unauthorized or loginRedirect");
            foreach (var (field, pattern) in new[] { ("principalAttributeValue", server.PrincipalAttributeValue), ("mfaServicePattern", server.MfaServicePattern ?? "") })
            {
                try { _ = new System.Text.RegularExpressions.Regex(pattern); }
                catch (ArgumentException) { problems.Add($"CAS server '{server.Name}': {field} is not a valid regex"); }
            }
            foreach (var client in server.Oidc?.Clients ?? new())
            {
                if (string.IsNullOrEmpty(client.ClientId)) problems.Add($"CAS server '{server.Name}': an OIDC client has no clientId");
                try { _ = new System.Text.RegularExpressions.Regex(client.ServiceId); }
                catch (ArgumentException) { problems.Add($"CAS server '{server.Name}': OIDC client '{client.ClientId}' has an invalid serviceId regex"); }
            }
            if (server.Oidc?.Clients.GroupBy(c => c.ClientId).Any(g => g.Count() > 1) == true) problems.Add($"CAS server '{server.Name}': two OIDC clients have the same clientId");
            if (server.Oidc is { } oidc && !Oidc.DiscoveryFaults.Names.Contains(oidc.DiscoveryFault))
                problems.Add($"CAS server '{server.Name}': oidc.discoveryFault must be one of {string.Join(", ", Oidc.DiscoveryFaults.Names)}");
            ValidateMfaTriggers(server, problems);
            var keys = server.Profiles.Values.Append(server.CredentialAccessKey).Where(k => k is not null);
            foreach (var key in keys)
                if (!config.Sts.IamUsers.Any(u => u.AccessKeyId == key)) problems.Add($"CAS server '{server.Name}': access key '{key}' is not an IAM user in sts.iamUsers");
        }
        foreach (var user in config.Users)
        {
            if (string.IsNullOrEmpty(user.Username)) problems.Add("a user has no username");
            if (user.Mfa is { } mfa && mfa.Push is not ("approve" or "deny" or "never"))
                problems.Add($"user '{user.Username}': mfa.push must be approve, deny or never");
            foreach (var device in user.GoogleAuthenticator)
                if (!Mfa.Base32.IsValid(device.Secret)) problems.Add($"user '{user.Username}': Google Authenticator device {device.Id} needs a base32 secret of 16+ characters");
            if (user.GoogleAuthenticator.GroupBy(d => d.Id).Any(g => g.Count() > 1)) problems.Add($"user '{user.Username}': two Google Authenticator devices have the same id");
            foreach (var key in user.YubiKeys)
            {
                if (key.PublicId.Length != Mfa.YubicoOtp.PublicIdLength || !Mfa.YubicoOtp.IsModhex(key.PublicId))
                    problems.Add($"user '{user.Username}': YubiKey publicId must be 12 modhex characters (cbdefghijklnrtuv)");
                if (!IsHex(key.PrivateId, 12) || !IsHex(key.AesKey, 32))
                    problems.Add($"user '{user.Username}': YubiKey privateId must be 12 and aesKey 32 hex characters");
            }
        }
        if (config.Users.GroupBy(u => u.Username).Any(g => g.Count() > 1)) problems.Add("two users have the same username");
        if (!System.Text.RegularExpressions.Regex.IsMatch(config.Sts.AccountId, "^[0-9]{12}$")) problems.Add("sts.accountId must be 12 digits");
        foreach (var iamUser in config.Sts.IamUsers)
            if (iamUser.MfaSecret is not null && !Mfa.Base32.IsValid(iamUser.MfaSecret))
                problems.Add($"IAM user '{iamUser.UserName}': mfaSecret must be base32 (16+ characters)");
        foreach (var role in config.Sts.Roles)
            if (!System.Text.RegularExpressions.Regex.IsMatch(role.Arn, "^arn:aws:iam::[0-9]{12}:role/"))
                problems.Add($"role '{role.Arn}' is not an IAM role ARN");
        foreach (var provider in config.Sts.OidcProviders)
            if (!config.CasServers.Any(s => s.Name == provider.CasServer && s.Oidc is not null))
                problems.Add($"sts.oidcProviders: CAS server '{provider.CasServer}' is not an OIDC provider (give it an \"oidc\" section)");
        if (config.Duo.PushTimeoutSeconds <= 0) problems.Add("duo.pushTimeoutSeconds must be positive");
        if (problems.Count > 0)
            throw new InvalidOperationException($"The emulator configuration '{source}' has problems: {string.Join("; ", problems)}.");
    }

    private static bool IsHex(string text, int length) =>
        text.Length == length && text.All(char.IsAsciiHexDigit);

    /// <summary>Every provider a trigger names must exist on the server; Simple MFA exists from CAS 7.0.</summary>
    private static void ValidateMfaTriggers(CasServerConfig server, List<string> problems)
    {
        var known = new HashSet<string>(server.DuoProviderIds.Append(server.MfaProviderId)) { Cas.CasAuthenticator.GoogleAuthenticatorId, Cas.CasAuthenticator.YubiKeyId };
        if (server.SupportsSimpleMfa()) known.Add(Cas.CasAuthenticator.SimpleId);
        var named = server.ServiceMfaTriggers.Select(t => t.Provider).Append(server.GlobalMfaProvider).Where(p => p is not null);
        foreach (var provider in named)
            if (!known.Contains(provider!)) problems.Add($"CAS server '{server.Name}': MFA provider '{provider}' is not one of {string.Join(", ", known)}");
        foreach (var trigger in server.ServiceMfaTriggers)
        {
            try { _ = new System.Text.RegularExpressions.Regex(trigger.ServicePattern); }
            catch (ArgumentException) { problems.Add($"CAS server '{server.Name}': serviceMfaTriggers pattern '{trigger.ServicePattern}' is not a valid regex"); }
        }
        if (server.GauthWindowSize < 1) problems.Add($"CAS server '{server.Name}': gauthWindowSize must be 1 or more");
        if (server.SimpleMfaTokenSeconds < 1) problems.Add($"CAS server '{server.Name}': simpleMfaTokenSeconds must be 1 or more");
    }
}
