using System.Net;
using System.Xml.Linq;
using static CasAws.Tests.Emulator.TestEmulator;

namespace CasAws.Tests.Emulator;

/// <summary>STS's raw wire format: what an unsigned or odd request gets back, as XML.</summary>
public sealed class StsWireTests : IAsyncLifetime
{
    private static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";
    private TestEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await TestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private async Task<(HttpStatusCode Status, XElement Xml, HttpResponseMessage Response)> PostAsync(string path, params (string, string)[] form)
    {
        var response = await _emu.Http.PostAsync(path, new FormUrlEncodedContent(Form(form)));
        return (response.StatusCode, XElement.Parse(await response.Content.ReadAsStringAsync()), response);
    }

    [Fact]
    public async Task An_unsigned_call_is_an_ErrorResponse_with_MissingAuthenticationToken()
    {
        var (status, xml, response) = await PostAsync("/sts", ("Action", "GetCallerIdentity"), ("Version", "2011-06-15"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(Ns + "ErrorResponse", xml.Name);
        var error = xml.Element(Ns + "Error")!;
        Assert.Equal(new[] { "Type", "Code", "Message" }, error.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("Sender", error.Element(Ns + "Type")!.Value);
        Assert.Equal("MissingAuthenticationToken", error.Element(Ns + "Code")!.Value);
        Assert.Equal("Request is missing Authentication Token", error.Element(Ns + "Message")!.Value);
        var requestId = xml.Element(Ns + "RequestId")!.Value;
        Assert.True(Guid.TryParse(requestId, out _));
        Assert.Equal(requestId, response.Headers.GetValues("x-amzn-RequestId").Single());
        Assert.Equal("text/xml", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("/sts/")]
    [InlineData("/")]
    public async Task Sts_also_answers_on_the_other_paths_sdks_post_to(string path)
    {
        var (status, xml, _) = await PostAsync(path, ("Action", "GetCallerIdentity"), ("Version", "2011-06-15"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("MissingAuthenticationToken", xml.Element(Ns + "Error")!.Element(Ns + "Code")!.Value);
    }

    [Fact]
    public async Task An_unknown_action_is_InvalidAction()
    {
        var (status, xml, _) = await PostAsync("/sts", ("Action", "GetFederationTokenz"), ("Version", "2011-06-15"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Could not find operation GetFederationTokenz for version 2011-06-15", xml.Element(Ns + "Error")!.Element(Ns + "Message")!.Value);
    }

    [Fact]
    public async Task A_malformed_authorization_header_is_IncompleteSignature()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sts") { Content = new FormUrlEncodedContent(Form(("Action", "GetCallerIdentity"))) };
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=AKIACLIEMULATOR00002/20260101/us-east-1/sts/aws4_request");
        using var response = await _emu.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<Code>IncompleteSignature</Code>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_signature_older_than_15_minutes_is_refused()
    {
        var old = DateTime.UtcNow.AddMinutes(-20).ToString("yyyyMMdd'T'HHmmss'Z'");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sts") { Content = new FormUrlEncodedContent(Form(("Action", "GetCallerIdentity"))) };
        request.Headers.TryAddWithoutValidation("X-Amz-Date", old);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential=AKIACLIEMULATOR00002/{old[..8]}/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=00");
        using var response = await _emu.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Signature expired", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Success_documents_carry_the_result_and_response_metadata_in_the_sts_namespace()
    {
        using var client = _emu.StsClientFor("cli/cli-user");
        var identity = await client.GetCallerIdentityAsync(new());

        Assert.False(string.IsNullOrEmpty(identity.ResponseMetadata.RequestId));
        Assert.Equal(HttpStatusCode.OK, identity.HttpStatusCode);
    }
}
