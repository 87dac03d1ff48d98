using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace CasAws.Emulator.Hosting;

/// <summary>
/// The secret the control API asks for: it approves pushes and hands out one-time codes, so on a shared
/// machine another local user must not reach it just because it listens on 127.0.0.1. A random 256-bit
/// token per start, printed on the console and in the ready file (which only the starting user reads).
/// </summary>
public static class ControlToken
{
    public const string Header = "X-CasAws-Control-Token";

    public static string Create() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Whether the request carries <paramref name="token"/>, compared in constant time.</summary>
    public static bool IsPresentIn(HttpRequest request, string token)
    {
        string? given = request.Headers[Header];
        if (given is null) return false;
        return CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(token));
    }
}
