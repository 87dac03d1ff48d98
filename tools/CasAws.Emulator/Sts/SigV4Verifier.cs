using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace CasAws.Emulator.Sts;

/// <summary>
/// Checks an AWS Signature Version 4 Authorization header the way AWS does: recompute the canonical
/// request from what arrived, derive the signing key from the secret, compare signatures.
/// </summary>
public static class SigV4Verifier
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The parsed header; null when the request carries no Authorization header at all.</summary>
    public sealed record SignatureHeader(string AccessKeyId, string Date, string Region, string Service, IReadOnlyList<string> SignedHeaders, string Signature);

    public static SignatureHeader? ParseHeader(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header)) return null;
        if (!header.StartsWith(Algorithm + " ", StringComparison.Ordinal))
            throw StsException.IncompleteSignature($"Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization={header.Split(' ')[0]}");
        var parts = header[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        foreach (var required in new[] { "Credential", "SignedHeaders", "Signature" })
            if (!parts.ContainsKey(required)) throw StsException.IncompleteSignature($"Authorization header requires '{required}' parameter. Authorization={Algorithm}");
        var scope = parts["Credential"].Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
            throw StsException.IncompleteSignature("Credential should be scoped to correct service: 'sts'. ");
        return new SignatureHeader(scope[0], scope[1], scope[2], scope[3], parts["SignedHeaders"].Split(';'), parts["Signature"]);
    }

    /// <summary>Who signed the request, checked against the keys STS knows: MissingAuthenticationToken, InvalidClientTokenId, ExpiredToken, SignatureDoesNotMatch otherwise.</summary>
    public static (StsPrincipal Caller, string AccessKeyId) Authenticate(HttpRequest request, byte[] body, SecurityTokenService sts, string service = "sts")
    {
        var signature = ParseHeader(request) ?? throw StsException.MissingAuthenticationToken();
        var token = request.Headers["X-Amz-Security-Token"].ToString();
        var (caller, secret) = sts.ResolveKey(signature.AccessKeyId, string.IsNullOrEmpty(token) ? null : token);
        Verify(request, body, signature, secret, service);
        return (caller, signature.AccessKeyId);
    }

    /// <summary>Throws SignatureDoesNotMatch (or IncompleteSignature) unless the request was signed with this secret for this service.</summary>
    public static void Verify(HttpRequest request, byte[] body, SignatureHeader signature, string secretAccessKey, string service = "sts")
    {
        var amzDate = request.Headers["X-Amz-Date"].ToString();
        if (string.IsNullOrEmpty(amzDate))
            throw StsException.IncompleteSignature("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        if (!DateTime.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt))
            throw StsException.IncompleteSignature($"Date must be in ISO-8601 'basic format'. Got '{amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601");
        if (Math.Abs((DateTime.UtcNow - signedAt).TotalMinutes) > 15)
            throw StsException.SignatureDoesNotMatch($"Signature expired: {amzDate} is now earlier than {DateTime.UtcNow.AddMinutes(-15):yyyyMMdd'T'HHmmss'Z'} ({DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'} - 15 min.)");
        if (signature.Service != service)
            throw StsException.SignatureDoesNotMatch($"Credential should be scoped to correct service: '{service}'. ");
        if (signature.Date != amzDate[..8])
            throw StsException.SignatureDoesNotMatch($"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{signature.Date}' != '{amzDate[..8]}', from '{amzDate}'.");
        if (!signature.SignedHeaders.Contains("host"))
            throw StsException.SignatureDoesNotMatch("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");

        var canonicalRequest = CanonicalRequest(request, body, signature.SignedHeaders);
        var scope = $"{signature.Date}/{signature.Region}/{signature.Service}/aws4_request";
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), signature.Date);
        key = Hmac(key, signature.Region);
        key = Hmac(key, signature.Service);
        key = Hmac(key, "aws4_request");
        var expected = Hex(Hmac(key, stringToSign));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature.Signature)))
            throw StsException.SignatureDoesNotMatch();
    }

    public static string CanonicalRequest(HttpRequest request, byte[] body, IReadOnlyList<string> signedHeaders)
    {
        var path = request.PathBase.Add(request.Path).ToUriComponent();
        if (string.IsNullOrEmpty(path)) path = "/";
        var canonicalUri = string.Join('/', path.Split('/').Select(segment => Encode(Uri.UnescapeDataString(segment))));
        var canonicalUriEncodedTwice = string.Join('/', canonicalUri.Split('/').Select(Encode));
        var query = CanonicalQuery(request.QueryString.Value);
        var headers = new StringBuilder();
        foreach (var name in signedHeaders)
        {
            var values = request.Headers[name].Select(v => string.Join(' ', (v ?? "").Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)));
            headers.Append(name).Append(':').Append(string.Join(',', values)).Append('\n');
        }
        var payloadHash = request.Headers["X-Amz-Content-Sha256"].ToString();
        if (string.IsNullOrEmpty(payloadHash)) payloadHash = Hex(SHA256.HashData(body));
        return $"{request.Method}\n{canonicalUriEncodedTwice}\n{query}\n{headers}\n{string.Join(';', signedHeaders)}\n{payloadHash}";
    }

    private static string CanonicalQuery(string? rawQuery)
    {
        if (string.IsNullOrEmpty(rawQuery) || rawQuery == "?") return "";
        return string.Join('&', rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(p => (Key: Encode(Unescape(p[0])), Value: Encode(p.Length > 1 ? Unescape(p[1]) : "")))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));
    }

    private static string Unescape(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    /// <summary>RFC 3986 encoding: unreserved characters stay, everything else becomes %XX (upper case).</summary>
    public static string Encode(string text)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~') builder.Append(c);
            else builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
