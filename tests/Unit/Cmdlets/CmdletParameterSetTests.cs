using System.Management.Automation;
using System.Reflection;
using CasAws.Commands;

namespace CasAws.Tests.Cmdlets;

/// <summary>A cmdlet offers only the parameters it uses: what it inherits from a base class counts too.</summary>
public sealed class CmdletParameterSetTests
{
    private static IEnumerable<string> ParameterNames(Type cmdlet) =>
        cmdlet.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.GetCustomAttributes<ParameterAttribute>().Any())
            .Select(property => property.Name);

    [Fact]
    public void Test_CasAwsSetup_offers_no_AWS_side_MFA_because_its_login_check_asks_STS_for_nothing()
    {
        IEnumerable<string> parameters = ParameterNames(typeof(TestCasAwsSetupCommand)).ToList();

        Assert.DoesNotContain("Token", parameters);
        Assert.DoesNotContain("SerialNumber", parameters);
        Assert.Contains("Credential", parameters);
        Assert.Contains("Passcode", parameters);
    }

    [Theory]
    [InlineData(typeof(ConnectCasAwsCommand))]
    [InlineData(typeof(GetCasAwsCredentialCommand))]
    public void The_logins_that_ask_for_AWS_credentials_keep_the_AWS_side_MFA(Type cmdlet)
    {
        IEnumerable<string> parameters = ParameterNames(cmdlet).ToList();

        Assert.Contains("Token", parameters);
        Assert.Contains("SerialNumber", parameters);
    }
}
