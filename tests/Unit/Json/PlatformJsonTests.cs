using System.Text;
using CasAws.Connections;
using CasAws.Json;
using CasAws.Oidc;
using CasAws.Tests.Validation;
using Xunit.Abstractions;

namespace CasAws.Tests.Json;

/// <summary>
/// The one JSON reader (<see cref="PlatformJson"/>): both back-ends, the one PowerShell 7 and the helper use and
/// the one Windows PowerShell 5.1 uses, read every document alike and let nothing but FormatException escape.
/// </summary>
public sealed class PlatformJsonTests
{
    private readonly ITestOutputHelper _output;

    public PlatformJsonTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static TheoryData<string> Damaged => new()
    {
        "{\"connections\":[] , ]]]",
        "{ \"SigninToken\" : \"abc\" , ]]]]]]]]",
        "{\"a\":1}{\"b\":2}",
        "{\"a\":1e999}",
        "[" + new string('[', 100) + new string(']', 100) + "]",
        "",
        "{\"a\":\"x\",\"a\":\"y\"}",
    };

    [Theory]
    [MemberData(nameof(Damaged))]
    public void A_damaged_document_is_a_FormatException_on_both_back_ends(string json)
    {
        Assert.Throws<FormatException>(() => PlatformJson.ParseWithDataContractJson(json));
        Assert.Throws<FormatException>(() => PlatformJson.ParseWithSystemTextJson(json));
    }

    [Fact]
    public void A_damaged_connections_file_is_a_FormatException_not_an_IndexOutOfRangeException()
    {
        // main: Windows PowerShell 5.1's reader threw IndexOutOfRangeException out of Connect-CasAws.
        Assert.Throws<FormatException>(() => ConnectionsFile.ToRaw(PlatformJson.ParseWithDataContractJson("{\"connections\":[] , ]]]")));
    }

    [Fact]
    public void Both_back_ends_give_the_same_values()
    {
        const string json = "{\"s\":\"a\\/b\\u00e9\\n\",\"n\":1700000000,\"f\":-2.5e3,\"t\":true,\"z\":null,\"l\":[\"x\",1,{\"in\":\"ner\"}],\"not an xml name\":\"ok\"}";

        object? desktop = PlatformJson.ParseWithDataContractJson(json);
        object? core = PlatformJson.ParseWithSystemTextJson(json);

        Assert.Equal(Describe(core), Describe(desktop));
        var members = (IReadOnlyDictionary<string, object?>)core!;
        Assert.Equal("a/b\u00e9\n", JsonText.Text(members, "s"));
        Assert.Equal(1700000000L, JsonText.Number(members, "n"));
        Assert.Equal("ok", JsonText.Text(members, "not an xml name"));
    }

    [Fact]
    public void Fuzzed_documents_read_alike_or_fail_alike_on_both_back_ends()
    {
        string[] corpus =
        {
            "{\"issuer\":\"https://sso.example.org/cas/oidc\",\"token_endpoint\":\"https://sso.example.org/cas/oidc/token\",\"scopes\":[\"openid\",\"profile\"]}",
            "{\"connections\":[{\"name\":\"work\",\"server\":\"https://sso.example.org/cas\"}],\"default\":\"work\",\"version\":1}",
            "{\"sub\":\"bob\",\"exp\":1700000000,\"aud\":[\"casaws\"],\"roles\":\"arn:aws:iam::123456789012:role/Dev\"}",
        };

        Fuzz.Run("JSON document", corpus, text =>
        {
            string? desktop = Outcome(() => PlatformJson.ParseWithDataContractJson(text));
            string? core = Outcome(() => PlatformJson.ParseWithSystemTextJson(text));
            if (desktop != null && core != null) Assert.Equal(core, desktop);
        }, _output);
    }

    [Fact]
    public void An_id_token_with_an_exp_before_1970_is_a_FormatException()
    {
        // main: a large negative exp threw a raw ArgumentOutOfRangeException.
        string payload = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"sub\":\"bob\",\"exp\":-9000000000000000000}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        Assert.Throws<FormatException>(() => IdTokenClaims.Read("e30." + payload + ".c2ln"));
    }

    /// <summary>The parsed value as text, or null when the back-end refused the document (FormatException only).</summary>
    private static string? Outcome(Func<object?> parse)
    {
        try
        {
            return Describe(parse());
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string text => "\"" + text + "\"",
        double number => number.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IReadOnlyDictionary<string, object?> members => "{" + string.Join(",", members.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => m.Key + ":" + Describe(m.Value))) + "}",
        List<object?> items => "[" + string.Join(",", items.Select(Describe)) + "]",
        _ => throw new InvalidOperationException(value.GetType().Name),
    };
}
