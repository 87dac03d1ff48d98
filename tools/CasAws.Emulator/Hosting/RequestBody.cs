using System.Text;
using Microsoft.AspNetCore.Http;

namespace CasAws.Emulator.Hosting;

/// <summary>Reads raw request bodies (SigV4 hashes the exact bytes) and decodes form/query encoding.</summary>
public static class RequestBody
{
    private const int MaxBytes = 1024 * 1024;

    public static async Task<byte[]> ReadAllAsync(HttpRequest request, CancellationToken cancellation)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellation)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes) throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// An AWS Query protocol request (STS, IAM): the raw body, for SigV4, and the parameters from the
    /// query string and, for a form POST, the body.
    /// </summary>
    public static async Task<(byte[] Body, Dictionary<string, string> Parameters)> ReadQueryProtocolAsync(HttpRequest request, CancellationToken cancellation)
    {
        var body = await ReadAllAsync(request, cancellation);
        var parameters = ParseQuery(request.QueryString.Value);
        if (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
            foreach (var pair in ParseForm(body)) parameters[pair.Key] = pair.Value;
        return (body, parameters);
    }

    /// <summary>Form fields in order; a repeated name keeps every value.</summary>
    public static List<KeyValuePair<string, string>> ParsePairs(string? encoded)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(encoded)) return pairs;
        foreach (var part in encoded.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var pieces = part.Split('=', 2);
            pairs.Add(new(Decode(pieces[0]), pieces.Length > 1 ? Decode(pieces[1]) : ""));
        }
        return pairs;
    }

    /// <summary>First value of each field (what Spring's MultiValueMap.getFirst and AWS's parameter parsing see).</summary>
    public static Dictionary<string, string> ParseForm(byte[] body) => FirstValues(ParsePairs(Encoding.UTF8.GetString(body)));

    public static Dictionary<string, string> ParseQuery(string? query) => FirstValues(ParsePairs(query));

    private static Dictionary<string, string> FirstValues(List<KeyValuePair<string, string>> pairs)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs) result.TryAdd(pair.Key, pair.Value);
        return result;
    }

    private static string Decode(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return text;
        }
    }
}
