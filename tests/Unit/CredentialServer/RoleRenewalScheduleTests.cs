using System.Security;
using CasAws.Cas;
using CasAws.Credentials;
using CasAws.CredentialServer;
using CasAws.Session;
using CasAws.Tests.Cas;

namespace CasAws.Tests.CredentialServer;

/// <summary>How often a renewal looks again: by the time its keys have left, not one schedule for every key.</summary>
public sealed class RoleRenewalScheduleTests
{
    private const string Role = "arn:aws:iam::111111111111:role/Dev";
    private const string Body = "[default]\naws_access_key_id=ASIAEXAMPLE000002\naws_secret_access_key=s/e+c=EXAMPLEKEY0000\naws_session_token=t/o+k=EXAMPLETOKEN000\nregion=aws-global\n";

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

    [Fact]
    public async Task A_widened_margin_that_makes_the_keys_due_renews_them_at_once_not_at_the_next_look()
    {
        using var server = new CannedHttpServer(200, "text/plain", Body);
        var password = new SecureString();
        foreach (char c in "pw") password.AppendChar(c);
        var session = new CasAwsSession(new CasConnectionSettings(server.BaseUri), "jdoe", password, TimeSpan.FromHours(1));
        var first = new CasAwsCredential("ASIAEXAMPLE000001", "secret", "token", DateTime.UtcNow.AddHours(1));
        var renewal = new RoleRenewal(session, new CasCredentialService(session), Role, TimeSpan.FromHours(1), first, TimeSpan.FromMinutes(5));
        renewal.Start();
        try
        {
            await Task.Delay(500);   // the loop now sleeps for its next look, 30 s away for an hour-long key
            Assert.Equal(0, renewal.Renewals);

            renewal.WidenMargin(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(5));
            DateTime deadline = DateTime.UtcNow.AddSeconds(10);
            while (renewal.Renewals == 0 && DateTime.UtcNow < deadline) await Task.Delay(50);

            Assert.True(renewal.Renewals > 0, "the renewal should act on the wider margin well before its next look 30 s later");
            Assert.NotEmpty(server.RequestBodies);
        }
        finally
        {
            renewal.Stop();
        }
    }
}
