using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CasAws.Emulator.Oidc;

/// <summary>
/// The provider's RSA signing key, made at start (CAS generates one into its keystore when none exists):
/// signs id_tokens with RS256 and publishes the public half as a JWKS. Made on first use, so an
/// emulator whose tests never touch OIDC does not pay for it at start.
/// </summary>
public sealed class SigningKey : IDisposable
{
    private readonly Lazy<RSA> _key = new(() => RSA.Create(2048), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Lazy<string> _keyId;

    public SigningKey() => _keyId = new(() => Base64Url.Encode(SHA256.HashData(Rsa.ExportSubjectPublicKeyInfo()))[..16]);

    private RSA Rsa => _key.Value;

    public string KeyId => _keyId.Value;

    public string JwksJson()
    {
        var parameters = Rsa.ExportParameters(includePrivateParameters: false);
        var key = new JsonObject
        {
            ["kty"] = "RSA",
            ["kid"] = KeyId,
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["n"] = Base64Url.Encode(parameters.Modulus),
            ["e"] = Base64Url.Encode(parameters.Exponent),
        };
        return new JsonObject { ["keys"] = new JsonArray(key) }.ToJsonString();
    }

    public string Sign(JsonObject claims)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = KeyId };
        var signingInput = Base64Url.Encode(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url.Encode(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = Rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.Encode(signature);
    }

    /// <summary>True when the JWT's header names this key with RS256 and the signature verifies.</summary>
    public bool Verifies(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3) return false;
        var headerBytes = Base64Url.TryDecode(parts[0]);
        var signature = Base64Url.TryDecode(parts[2]);
        if (headerBytes is null || signature is null) return false;
        try
        {
            using var header = JsonDocument.Parse(headerBytes);
            var root = header.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return false;
            if (!root.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != "RS256") return false;
            if (!root.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String || kid.GetString() != KeyId) return false;
        }
        catch (JsonException)
        {
            return false;
        }
        return Rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    /// <summary>The claims object of a JWT (not verified), or null when it is not a JWT with a JSON object payload.</summary>
    public static JsonObject? ReadClaims(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3) return null;
        var payload = Base64Url.TryDecode(parts[1]);
        if (payload is null) return null;
        try
        {
            return JsonNode.Parse(payload) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        if (_key.IsValueCreated) _key.Value.Dispose();
    }
}
