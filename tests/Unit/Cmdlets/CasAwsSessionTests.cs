using System.Security;
using CasAws.Cas;
using CasAws.Credentials;
using CasAws.Session;

namespace CasAws.Tests.Cmdlets;

public class CasAwsSessionTests
{
    private static readonly Uri Server = new("https://sso.example.org/cas");

    private static CasAwsSession NewSession()
    {
        var password = new SecureString();
        foreach (char c in "pw") password.AppendChar(c);
        return new CasAwsSession(new CasConnectionSettings(Server), "jdoe", password, TimeSpan.FromHours(1));
    }

    private static CredentialOrigin Origin(string? role = "arn:aws:iam::111111111111:role/Dev", int seconds = 3600) =>
        new(Server, "jdoe", role, TimeSpan.FromSeconds(seconds));

    [Fact]
    public void Cached_credentials_are_reused_only_with_more_than_five_minutes_left()
    {
        CasAwsSession session = NewSession();
        DateTime now = DateTime.UtcNow;
        session.Remember(Origin(), new CasAwsCredential("A", "S", "T", now.AddMinutes(6)));

        Assert.True(session.TryGetCached(Origin(), now, out CasAwsCredential? fresh));
        Assert.Equal("A", fresh!.AccessKey);
        Assert.False(session.TryGetCached(Origin(), now.AddMinutes(1).AddSeconds(1), out _));
    }

    [Fact]
    public void The_cache_key_is_server_user_role_and_duration()
    {
        CasAwsSession session = NewSession();
        DateTime now = DateTime.UtcNow;
        session.Remember(Origin(), new CasAwsCredential("A", "S", "T", now.AddHours(1)));

        Assert.False(session.TryGetCached(Origin(seconds: 7200), now, out _));
        Assert.False(session.TryGetCached(Origin(role: "arn:aws:iam::111111111111:role/Other"), now, out _));
        Assert.False(session.TryGetCached(Origin(role: null), now, out _));
        Assert.False(session.TryGetCached(new CredentialOrigin(Server, "someone", "arn:aws:iam::111111111111:role/Dev", TimeSpan.FromHours(1)), now, out _));
        Assert.False(session.TryGetCached(new CredentialOrigin(Server, "jdoe", "arn:aws:iam::111111111111:role/Dev", TimeSpan.FromHours(1), awsMfaDevice: "arn:aws:iam::111111111111:mfa/jdoe"), now, out _));
        Assert.True(session.TryGetCached(Origin(), now, out _));
    }

    [Fact]
    public void A_refused_password_is_never_handed_out_again()
    {
        CasAwsSession session = NewSession();
        using (SecureString? copy = session.CopyPassword()) Assert.Equal(2, copy!.Length);
        session.ForgetPassword();
        Assert.Null(session.CopyPassword());
        Assert.False(session.HasPassword);
    }

    [Fact]
    public void Wipe_forgets_password_roles_and_credentials()
    {
        CasAwsSession session = NewSession();
        session.LearnRoles(new[] { "arn:aws:iam::111111111111:role/Dev" });
        session.Remember(Origin(), new CasAwsCredential("A", "S", "T", DateTime.UtcNow.AddHours(1)));
        session.Wipe();
        Assert.Null(session.CopyPassword());
        Assert.Empty(session.Roles);
        Assert.Equal(0, session.CachedCredentialCount);
        Assert.False(session.TryGetCached(Origin(), DateTime.UtcNow, out _));
    }

    [Fact]
    public void The_session_keeps_its_own_copy_of_the_password()
    {
        var password = new SecureString();
        password.AppendChar('x');
        var session = new CasAwsSession(new CasConnectionSettings(Server), "jdoe", password, TimeSpan.FromHours(1));
        session.Wipe();
        Assert.Equal(1, password.Length);   // the caller's PSCredential still works
    }

    [Fact]
    public void Learning_roles_keeps_the_server_order_and_switches_to_role_mode()
    {
        CasAwsSession session = NewSession();
        session.LearnMode(CasAwsSessionMode.SessionTokenOrSingleRole);
        session.LearnRoles(new[] { "arn:aws:iam::222222222222:role/B", "arn:aws:iam::111111111111:role/A" });
        Assert.Equal(CasAwsSessionMode.Roles, session.Mode);
        Assert.Equal(new[] { "B", "A" }, session.Roles.Select(r => r.RoleName));
        Assert.DoesNotContain("pw", session.ToString());
    }

    [Theory]
    [InlineData("-NonInteractive", true)]
    [InlineData("-noninteractive", true)]
    [InlineData("-noni", true)]
    [InlineData("/NonInteractive", true)]
    [InlineData("-NoProfile", false)]
    [InlineData("-non", false)]
    [InlineData("NonInteractive", false)]
    public void Non_interactive_switches_are_recognised_by_prefix(string argument, bool expected)
    {
        Assert.Equal(expected, CasAws.Commands.CasAwsCmdlet.IsNonInteractiveSwitch(argument));
    }
}
