using CasAws.Cas;

namespace CasAws.Tests.Cas;

/// <summary>CAS answers every STS refusal with a bare 500: the advice must follow what was asked.</summary>
public class StsRefusalAdviceTests
{
    private const string Role = "arn:aws:iam::123456789012:role/Dev";

    [Fact]
    public void Session_token_mode_with_an_AWS_MFA_code_blames_the_code_not_a_role()
    {
        string advice = CasAnswerMessages.StsRefusalAdvice(null, TimeSpan.FromHours(1), awsMfaSent: true, roleMode: false);

        Assert.Contains("session-token mode", advice);
        Assert.Contains("-Token", advice);
        Assert.DoesNotContain("role", advice, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Session_token_mode_without_MFA_suggests_the_MFA_the_account_may_require()
    {
        string advice = CasAnswerMessages.StsRefusalAdvice(null, TimeSpan.FromHours(1), awsMfaSent: false, roleMode: false);

        Assert.Contains("GetSessionToken", advice);
        Assert.Contains("-Token and -SerialNumber", advice);
        Assert.DoesNotContain("-Duration", advice);
    }

    [Fact]
    public void A_long_role_request_names_the_roles_maximum_session_duration()
    {
        string advice = CasAnswerMessages.StsRefusalAdvice(Role, TimeSpan.FromHours(5), awsMfaSent: false, roleMode: true);

        Assert.Contains("maximum session duration of role " + Role, advice);
        Assert.Contains("-Duration 01:00:00", advice);
    }

    [Fact]
    public void A_one_hour_role_request_does_not_blame_the_duration()
    {
        string advice = CasAnswerMessages.StsRefusalAdvice(Role, TimeSpan.FromHours(1), awsMfaSent: true, roleMode: true);

        Assert.DoesNotContain("-Duration", advice);
        Assert.Contains("-Token", advice);
        Assert.Contains("trust policy", advice);
    }
}
