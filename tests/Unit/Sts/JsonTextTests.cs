using CasAws.Aws;
using CasAws.Json;

namespace CasAws.Tests.Sts;

public sealed class JsonTextTests
{
    [Theory]
    [InlineData("plain")]
    [InlineData("quote\" back\\slash / plus+ equals=")]
    [InlineData("line\nbreak\ttab\u0001control")]
    public void Quoted_strings_read_back_the_same(string value)
    {
        string json = "{\"a\":1,\"Field\":" + JsonText.Quote(value) + "}";

        Assert.Equal(value, JsonText.ReadStringField(json, "Field"));
    }

    [Fact]
    public void Reads_unicode_and_slash_escapes()
    {
        Assert.Equal("a/b\u00e9", JsonText.ReadStringField("{ \"SigninToken\" : \"a\\/b\\u00e9\" }", "SigninToken"));
    }

    [Fact]
    public void A_missing_field_is_null()
    {
        Assert.Null(JsonText.ReadStringField("{\"Other\":\"x\"}", "SigninToken"));
        Assert.Null(JsonText.ReadStringField("<html>not json</html>", "SigninToken"));
    }
}
