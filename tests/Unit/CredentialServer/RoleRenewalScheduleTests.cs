using CasAws.CredentialServer;

namespace CasAws.Tests.CredentialServer;

/// <summary>How often a renewal looks again: by the time its keys have left, not one schedule for every key.</summary>
public sealed class RoleRenewalScheduleTests
{
    [Theory]
    [InlineData(15 * 60, 15)]   // a 15-minute key: every 15 s
    [InlineData(5 * 60, 5)]     // due under the default 5-minute margin: every 5 s
    [InlineData(90, 2)]         // a minute and a half left: never more often than every 2 s
    [InlineData(12 * 3600, 30)] // a 12-hour key: every 30 s, no more rarely
    public void Looks_again_after_a_sixtieth_of_the_time_left_between_2_and_30_seconds(int leftSeconds, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RoleRenewal.LookAgainAfter(TimeSpan.FromSeconds(leftSeconds)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    public void Keys_that_have_expired_are_looked_at_every_30_seconds_not_in_a_tight_loop(int leftSeconds)
    {
        Assert.Equal(RoleRenewal.LookAgainAtMost, RoleRenewal.LookAgainAfter(TimeSpan.FromSeconds(leftSeconds)));
    }
}
