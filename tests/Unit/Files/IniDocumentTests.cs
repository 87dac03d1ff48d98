using System.Text;
using CasAws.Files;

namespace CasAws.Tests.Files;

public sealed class IniDocumentTests
{
    private static readonly KeyValuePair<string, string>[] NoValues = Array.Empty<KeyValuePair<string, string>>();

    private static IniDocument Parse(string text) => IniDocument.Parse(Encoding.UTF8.GetBytes(text), "\n");

    private static string Text(IniDocument document) => Encoding.UTF8.GetString(document.ToBytes());

    private static KeyValuePair<string, string> Pair(string key, string value) => new(key, value);

    [Theory]
    [InlineData("")]
    [InlineData("[default]\naws_access_key_id = AKIA\n")]
    [InlineData("[default]\r\naws_access_key_id = AKIA\r\n\r\n# comment\r\n[other]\r\nregion=eu-west-1")]
    [InlineData("\uFEFF; leading BOM and comment\n[a]\nk: v\n  continued\n\tnested = 1\n\n\n")]
    [InlineData("[profile x]\nkey = value with = and : inside\n[default]\nmixed = endings\r\nlast = no newline")]
    public void Round_trips_every_byte(string text)
    {
        byte[] original = Encoding.UTF8.GetBytes(text);

        Assert.Equal(original, IniDocument.Parse(original, "\n").ToBytes());
    }

    [Fact]
    public void Round_trips_bytes_that_are_not_utf8()
    {
        byte[] original = { (byte)'[', (byte)'a', (byte)']', (byte)'\n', (byte)'#', 0xFF, 0xFE, 0x80, (byte)'\n', (byte)'k', (byte)'=', 0xC3, (byte)'\r', (byte)'\n' };

        Assert.Equal(original, IniDocument.Parse(original, "\n").ToBytes());
    }

    [Fact]
    public void Replaces_a_key_in_place_keeping_crlf_and_the_missing_final_newline()
    {
        IniDocument document = Parse("# mine\r\n[dev]\r\nAWS_SESSION_TOKEN=old\r\nregion = x\r\n\r\n[prod]\r\nkeep = me");

        bool changed = document.SetKeys(h => h == "dev", "dev", new[] { Pair("aws_session_token", "new") }, Array.Empty<string>());

        Assert.True(changed);
        Assert.Equal("# mine\r\n[dev]\r\naws_session_token = new\r\nregion = x\r\n\r\n[prod]\r\nkeep = me", Text(document));
    }

    [Fact]
    public void Adds_missing_keys_after_the_last_key_of_the_section_not_after_its_trailing_comments()
    {
        IniDocument document = Parse("[dev]\na = 1\n\n# about prod\n[prod]\nb = 2\n");

        document.SetKeys(h => h == "dev", "dev", new[] { Pair("c", "3") }, Array.Empty<string>());

        Assert.Equal("[dev]\na = 1\nc = 3\n\n# about prod\n[prod]\nb = 2\n", Text(document));
    }

    [Fact]
    public void Appends_a_new_section_to_a_file_without_final_newline_and_keeps_it_without_one()
    {
        IniDocument document = Parse("[other]\r\nk = v");

        document.SetKeys(h => h == "dev", "dev", new[] { Pair("a", "1"), Pair("b", "2") }, Array.Empty<string>());

        Assert.Equal("[other]\r\nk = v\r\n\r\n[dev]\r\na = 1\r\nb = 2", Text(document));
    }

    [Fact]
    public void Creates_the_first_section_of_an_empty_file_with_the_default_newline()
    {
        IniDocument document = IniDocument.Parse(Array.Empty<byte>(), "\r\n");

        document.SetKeys(h => h == "dev", "dev", new[] { Pair("a", "1") }, Array.Empty<string>());

        Assert.Equal("[dev]\r\na = 1\r\n", Text(document));
    }

    [Fact]
    public void Replacing_a_key_removes_its_continuation_lines()
    {
        IniDocument document = Parse("[dev]\ns3 =\n  max_concurrent_requests = 10\n  addressing_style = path\nregion = x\n");

        document.SetKeys(h => h == "dev", "dev", new[] { Pair("s3", "gone") }, Array.Empty<string>());

        Assert.Equal("[dev]\ns3 = gone\nregion = x\n", Text(document));
    }

    [Fact]
    public void Removes_keys_and_keeps_a_file_without_final_newline_that_way()
    {
        IniDocument document = Parse("[dev]\na = 1\nx_principal_arn = arn");

        document.SetKeys(h => h == "dev", "dev", NoValues, new[] { "X_PRINCIPAL_ARN" });

        Assert.Equal("[dev]\na = 1", Text(document));
    }

    [Fact]
    public void A_key_both_set_and_removed_is_replaced_in_place()
    {
        IniDocument document = Parse("[dev]\ncredential_process = old\nregion = x\n");

        document.SetKeys(h => h == "dev", "dev", new[] { Pair("credential_process", "new") }, new[] { "credential_process", "role_arn" });

        Assert.Equal("[dev]\ncredential_process = new\nregion = x\n", Text(document));
    }

    [Fact]
    public void Reports_no_change_when_the_values_are_already_there()
    {
        IniDocument document = Parse("[dev]\na = 1\n");

        Assert.False(document.SetKeys(h => h == "dev", "dev", new[] { Pair("a", "1") }, new[] { "missing" }));
    }

    [Fact]
    public void Removing_a_section_keeps_the_comment_that_introduces_the_next_one()
    {
        IniDocument document = Parse("[a]\nk = 1\n\n[dev]\nx = 1\n\n# production keys\n[prod]\ny = 2\n");

        Assert.True(document.RemoveSection(h => h == "dev"));

        Assert.Equal("[a]\nk = 1\n\n# production keys\n[prod]\ny = 2\n", Text(document));
    }

    [Theory]
    [InlineData("[a]\r\nk = 1\r\n")]
    [InlineData("[a]\r\nk = 1")]
    [InlineData("# only a comment")]
    public void Removing_the_last_section_undoes_what_adding_it_did(string original)
    {
        IniDocument document = Parse(original);
        document.SetKeys(h => h == "dev", "dev", new[] { Pair("x", "1") }, Array.Empty<string>());

        document.RemoveSection(h => h == "dev");

        Assert.Equal(original, Text(document));
    }

    [Fact]
    public void Reads_a_section_with_case_insensitive_keys_and_utf8_values()
    {
        IniDocument document = Parse("[dev]\nRegion = eu-west-1\nnote = caf\u00e9\n");

        IReadOnlyDictionary<string, string> values = document.ReadSection(h => h == "dev")!;

        Assert.Equal("eu-west-1", values["region"]);
        Assert.Equal("caf\u00e9", values["note"]);
        Assert.Null(document.ReadSection(h => h == "missing"));
    }

    [Theory]
    [InlineData("[dev\nk = v\n", 1)]
    [InlineData("[a]\nk = v\njust some words\n", 3)]
    [InlineData("k = v\n[a]\n", 1)]
    [InlineData("[a]\n[b]\n[a]\n", 3)]
    [InlineData("[]\n", 1)]
    public void Rejects_lines_the_aws_cli_could_not_read_and_names_the_line(string text, int line)
    {
        IniFormatException error = Assert.Throws<IniFormatException>(() => Parse(text));

        Assert.Equal(line, error.LineNumber);
        Assert.Contains($"line {line}", error.Message);
    }
}
