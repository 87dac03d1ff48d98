using CasAws.Json;

namespace CasAws.Tests.Json;

/// <summary>Reads one string member with a chosen back-end of <see cref="PlatformJson"/>, as JsonText.ReadStringField does with the platform's.</summary>
internal static class JsonBackEnd
{
    public static string? Field(Func<string?, object?> parse, string body, string name)
    {
        try
        {
            return parse(body) is IReadOnlyDictionary<string, object?> members ? JsonText.Text(members, name) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
