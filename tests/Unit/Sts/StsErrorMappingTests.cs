using System.Management.Automation;
using CasAws.Commands;
using CasAws.Aws;
using CasAws.Credentials;
using CasAws.Errors;

namespace CasAws.Tests.Sts;

/// <summary>
/// STS error answers, as STS sends them, through the real AWS SDK in its private context, to the
/// ErrorRecord id, category and advice the user sees.
/// </summary>
public sealed class StsErrorMappingTests
{
    private static readonly CasAwsCredential Keys = new("ASIAEXAMPLEKEY000001", "secret-that-must-not-leak", "IQoJb3JpZ2luX2VjEXAMPLE+session/token=", DateTime.UtcNow.AddHours(1));

    public static TheoryData<int, string, string, string, string, ErrorCategory, string> Answers => new()
    {
        { 403, "RegionDisabledException", "STS is not activated in this region for account:123456789012.", "RegionDisabled", ErrorIds.StsRegionDisabled, ErrorCategory.ResourceUnavailable, "-Region us-east-1" },
        { 400, "ExpiredToken", "The security token included in the request is expired", "ExpiredToken", ErrorIds.StsExpiredToken, ErrorCategory.AuthenticationError, "Get-CasAwsCredential -Force" },
        { 403, "InvalidClientTokenId", "The security token included in the request is invalid.", "InvalidToken", ErrorIds.StsInvalidToken, ErrorCategory.AuthenticationError, "Get-CasAwsCredential -Force" },
        { 403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.", "InvalidToken", ErrorIds.StsInvalidToken, ErrorCategory.AuthenticationError, "damaged" },
        { 403, "AccessDenied", "User: arn:aws:sts::123456789012:assumed-role/A/b is not authorized to perform: sts:AssumeRole", "AccessDenied", ErrorIds.StsAccessDenied, ErrorCategory.PermissionDenied, "not authorized" },
        { 400, "ValidationError", "1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint", "ValidationError", ErrorIds.StsValidationError, ErrorCategory.InvalidArgument, "-RoleSessionName" },
        { 400, "ValidationError", "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.", "ValidationError", ErrorIds.RoleChainingDurationExceeded, ErrorCategory.InvalidArgument, "-Duration 01:00:00" },
        { 400, "Throttling", "Rate exceeded", "Other", ErrorIds.StsFailed, ErrorCategory.NotSpecified, "Throttling" },
        { 500, "InternalFailure", "An internal error occurred.", "Other", ErrorIds.StsFailed, ErrorCategory.NotSpecified, "InternalFailure" },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Each_STS_error_becomes_an_ErrorRecord_that_says_what_to_do(
        int status, string code, string message, string kind, string errorId, ErrorCategory category, string advice)
    {
        using var sts = CannedStsServer.Answering(status, CannedStsServer.Error(status >= 500 ? "Receiver" : "Sender", code, message));
        var endpoint = new StsEndpoint(sts.BaseUri, "eu-south-2", TimeSpan.FromSeconds(10));

        var failure = await Assert.ThrowsAsync<StsCallException>(() =>
            StsAssemblies.Bridge.AssumeRoleAsync(endpoint, Keys, new RoleChainRequest("arn:aws:iam::123456789012:role/Target", "casuser", TimeSpan.FromHours(1)), CancellationToken.None));

        Assert.Equal(kind, failure.Kind.ToString());
        Assert.Equal(code, failure.AwsErrorCode);
        Assert.Equal(status, failure.HttpStatus);
        Assert.Equal("4d9c2e8a-1111-2222-3333-444455556666", failure.RequestId);
        CasAwsException error = StsErrors.From(failure, endpoint, "arn:aws:iam::123456789012:role/Target");
        ErrorRecord record = error.ToErrorRecord();
        Assert.Equal(errorId, record.FullyQualifiedErrorId);
        Assert.Equal(category, record.CategoryInfo.Category);
        Assert.Contains(advice, error.Message);
        Assert.DoesNotContain(Keys.SecretKey, error.Message);
        Assert.DoesNotContain(Keys.SessionToken, error.Message);
    }

    [Fact]
    public async Task A_region_disabled_error_names_the_region()
    {
        using var sts = CannedStsServer.Answering(403, CannedStsServer.Error("Sender", "RegionDisabledException", "STS is not activated in this region."));
        var endpoint = new StsEndpoint(sts.BaseUri, "eu-south-2", TimeSpan.FromSeconds(10));

        var failure = await Assert.ThrowsAsync<StsCallException>(() => StsAssemblies.Bridge.GetCallerIdentityAsync(endpoint, Keys, CancellationToken.None));

        Assert.Contains("region eu-south-2", StsErrors.From(failure, endpoint, null).Message);
    }

    [Fact]
    public async Task An_answer_that_is_not_STS_is_reported_not_swallowed()
    {
        using var sts = CannedStsServer.Answering(502, "<html><body>Bad gateway</body></html>", "text/html");
        var endpoint = new StsEndpoint(sts.BaseUri, "us-east-1", TimeSpan.FromSeconds(10));

        var failure = await Assert.ThrowsAsync<StsCallException>(() => StsAssemblies.Bridge.GetCallerIdentityAsync(endpoint, Keys, CancellationToken.None));

        Assert.Equal(StsFailureKind.Other, failure.Kind);
        Assert.Equal(ErrorIds.StsFailed, StsErrors.From(failure, endpoint, null).ErrorId);
    }

    /// <summary>
    /// Get-CasAwsCredential in a browser session (and the helper) has no -EndpointUrl, -Region or -TimeoutSec for STS
    /// (issue 20, item 4): its STS errors name only what it reads, the environment variables; the STS cmdlets keep their parameters.
    /// </summary>
    [Theory]
    [InlineData(403, "RegionDisabledException", "STS is not activated in this region.", "AWS_REGION=us-east-1")]
    [InlineData(403, "InvalidClientTokenId", "The security token included in the request is invalid.", "AWS_REGION set to")]
    [InlineData(0, null, null, "point AWS_ENDPOINT_URL_STS at a reachable STS")]
    public async Task A_command_without_STS_parameters_is_not_told_to_pass_them(int status, string? code, string? message, string advice)
    {
        using var sts = CannedStsServer.Answering(status == 0 ? 403 : status, CannedStsServer.Error("Sender", code ?? "AccessDenied", message ?? "x"));
        string url = status == 0 ? "http://127.0.0.1:1/" : sts.BaseUri.AbsoluteUri;
        StsEndpoint endpoint = StsEndpointResolver.Resolve(null, null, null, TimeSpan.FromSeconds(10), name => name == StsEndpointResolver.ServiceEndpointVariable ? url : null, StsSettingNames.EnvironmentOnly);

        var failure = await Assert.ThrowsAsync<StsCallException>(() =>
            StsAssemblies.Bridge.AssumeRoleAsync(endpoint, Keys, new RoleChainRequest("arn:aws:iam::123456789012:role/Target", "casuser", TimeSpan.FromHours(1)), CancellationToken.None));
        string text = StsErrors.From(failure, endpoint, "arn:aws:iam::123456789012:role/Target").Message;

        Assert.Contains(advice, text);
        Assert.DoesNotContain("-EndpointUrl", text);
        Assert.DoesNotContain("-Region", text);
        Assert.DoesNotContain("-TimeoutSec", text);

        StsEndpoint cmdlet = StsEndpointResolver.Resolve(url, null, null, TimeSpan.FromSeconds(10), _ => null);
        Assert.Contains(status == 0 ? "-EndpointUrl" : "-Region", StsErrors.From(failure, cmdlet, null).Message);
    }
}
