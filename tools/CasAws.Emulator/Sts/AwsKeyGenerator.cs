using System.Security.Cryptography;
using System.Text;

namespace CasAws.Emulator.Sts;

/// <summary>Makes keys and ids shaped like AWS's: ASIA + 16, 40-character secrets, long base64 session tokens.</summary>
public static class AwsKeyGenerator
{
    private const string IdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static string TemporaryAccessKeyId() => "ASIA" + Random(IdAlphabet, 16);

    public static string SecretAccessKey() => Random(SecretAlphabet, 40);

    /// <summary>AWS's tokens are opaque base64 of several hundred characters (with '+', '/' and '=' padding).</summary>
    public static string SessionToken() => "IQoJb3JpZ2luX2VjE" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(401));

    /// <summary>A stable id for a principal (AIDA... for users, AROA... for roles), derived from its ARN.</summary>
    public static string UniqueId(string prefix, string arn)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(arn));
        var builder = new StringBuilder(prefix);
        for (var i = 0; i < 17; i++) builder.Append(IdAlphabet[hash[i] % IdAlphabet.Length]);
        return builder.ToString();
    }

    public static string Random(string alphabet, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        return new string(chars);
    }
}
