using System.Security;
using System.Text;
using CasAws.Cas;
using CasAws.Credentials;

namespace CasAws.Tests.Cas;

public class FormAndRoleTests
{
    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (char c in text) secure.AppendChar(c);
        return secure;
    }

    [Fact]
    public void Form_encodes_every_field_and_percent_encodes_secrets()
    {
        var request = new CasRequest("jdoe@example.org", Secure("p=a+s/s w&ö"), TimeSpan.FromHours(2))
        {
            RoleArn = "arn:aws:iam::111111111111:role/a+b",
            Passcode = Secure("123456"),
            Token = Secure("654321"),
            SerialNumber = "arn:aws:iam::111111111111:mfa/jdoe",
        };
        string form = Encoding.ASCII.GetString(request.EncodeForm());
        Assert.Equal(
            "username=jdoe%40example.org&password=p%3Da%2Bs%2Fs%20w%26%C3%B6&duration=7200&roleArn=arn%3Aaws%3Aiam%3A%3A111111111111%3Arole%2Fa%2Bb"
            + "&passcode=123456&token=654321&serialNumber=arn%3Aaws%3Aiam%3A%3A111111111111%3Amfa%2Fjdoe", form);
        var parsed = System.Web.HttpUtility.ParseQueryString(form);
        Assert.Equal("p=a+s/s w&ö", parsed["password"]);
    }

    [Fact]
    public void Duration_is_always_sent_and_optional_fields_are_not()
    {
        string form = Encoding.ASCII.GetString(new CasRequest("u", Secure("p"), TimeSpan.FromMinutes(15)).EncodeForm());
        Assert.Equal("username=u&password=p&duration=900", form);
    }

    [Fact]
    public void Describe_never_shows_secrets()
    {
        var request = new CasRequest("u", Secure("hunter2"), TimeSpan.FromHours(1)) { Passcode = Secure("987654"), Token = Secure("112233") };
        string text = request.Describe();
        Assert.DoesNotContain("hunter2", text);
        Assert.DoesNotContain("987654", text);
        Assert.DoesNotContain("112233", text);
        Assert.Contains("passcode=(given)", text);
    }

    [Theory]
    [InlineData("arn:aws:iam::111111111111:role/Dev", "aws", "111111111111", "/", "Dev")]
    [InlineData("arn:aws:iam::222222222222:role/team/ops/Admin+=,.@_-1", "aws", "222222222222", "/team/ops/", "Admin+=,.@_-1")]
    [InlineData("arn:aws-cn:iam::333333333333:role/x", "aws-cn", "333333333333", "/", "x")]
    public void Role_arns_split_into_parts(string arn, string partition, string account, string path, string name)
    {
        CasAwsRole role = CasAwsRole.FromArn(arn);
        Assert.Equal((arn, partition, account, path, name), (role.RoleArn, role.Partition, role.AccountId, role.Path, role.RoleName));
    }

    [Fact]
    public void Something_that_is_not_an_arn_is_kept_whole()
    {
        CasAwsRole role = CasAwsRole.FromArn("developers");
        Assert.Equal(("developers", "developers", ""), (role.RoleArn, role.RoleName, role.AccountId));
    }

    [Theory]
    [InlineData(899, false, false)]
    [InlineData(900, false, true)]
    [InlineData(43200, true, true)]
    [InlineData(43201, true, false)]
    [InlineData(129600, false, true)]
    [InlineData(129601, false, false)]
    public void Duration_bounds(int seconds, bool roleMode, bool allowed)
    {
        Assert.Equal(allowed, StsDurationRules.Check(TimeSpan.FromSeconds(seconds), roleMode) == null);
    }
}
