using CasAws.Aws;

namespace CasAws.Tests.Sts;

public sealed class AwsArnTests
{
    [Theory]
    [InlineData("arn:aws:iam::111111111111:role/Admin", true)]
    [InlineData("arn:aws:iam::111111111111:role/path/to/Ops+Team=1,a.b@c_d-e", true)]
    [InlineData("arn:aws-us-gov:iam::111111111111:role/Admin", true)]
    [InlineData("arn:aws:iam::111111111111:user/jdoe", false)]
    [InlineData("arn:aws:iam::11111111111:role/Admin", false)]
    [InlineData("Admin", false)]
    public void Recognises_role_arns(string value, bool isRole) => Assert.Equal(isRole, AwsArn.IsRoleArn(value));

    [Theory]
    [InlineData("arn:aws:iam::111111111111:role/Admin", "111111111111", "aws")]
    [InlineData("arn:aws-cn:sts::222222222222:assumed-role/Admin/jdoe", "222222222222", "aws-cn")]
    [InlineData("not an arn", null, null)]
    public void Reads_account_and_partition(string arn, string? account, string? partition)
    {
        Assert.Equal(account, AwsArn.AccountOf(arn));
        Assert.Equal(partition, AwsArn.PartitionOf(arn));
    }

    [Theory]
    [InlineData("cn-northwest-1", "aws-cn")]
    [InlineData("us-gov-east-1", "aws-us-gov")]
    [InlineData("eu-west-1", "aws")]
    [InlineData(null, "aws")]
    public void Knows_the_partition_of_a_region(string? region, string partition) => Assert.Equal(partition, AwsArn.PartitionOfRegion(region));

    [Theory]
    [InlineData("arn:aws:sts::111111111111:assumed-role/Admin/jdoe@example.edu", "arn:aws:iam::111111111111:role/Admin")]
    [InlineData("arn:aws-us-gov:sts::111111111111:assumed-role/Ops+1/casaws", "arn:aws-us-gov:iam::111111111111:role/Ops+1")]
    [InlineData("arn:aws:iam::111111111111:user/jdoe", null)]
    [InlineData("arn:aws:iam::111111111111:role/Admin", null)]
    public void Turns_an_assumed_role_arn_into_its_role_arn(string arn, string? roleArn) => Assert.Equal(roleArn, AwsArn.RoleArnFromAssumedRole(arn));
}
