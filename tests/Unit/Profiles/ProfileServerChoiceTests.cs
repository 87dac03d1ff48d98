using System.Security;
using CasAws.Cas;
using CasAws.Credentials;
using CasAws.Errors;
using CasAws.Profiles;
using CasAws.Session;

namespace CasAws.Tests.Profiles;

/// <summary>Issue 17, item 3: which server Register-CasAwsProfile registers for, and when the session fills in settings and roles.</summary>
public sealed class ProfileServerChoiceTests
{
    private const string SessionServer = "https://sso.example.org/cas";
    private const string PipedServer = "https://piped.example.org/cas";
    private const string GivenServer = "https://given.example.org/cas";
    private static readonly CasAwsRole Developer = CasAwsRole.FromArn("arn:aws:iam::123456789012:role/CasDeveloper");
    private static readonly CasAwsRole Admin = CasAwsRole.FromArn("arn:aws:iam::123456789012:role/engineering/CasAdmin");

    private static CasAwsSession Session(string server = SessionServer, params string[] roles)
    {
        var session = new CasAwsSession(new CasConnectionSettings(new Uri(server)), "erin", new SecureString(), TimeSpan.FromHours(1));
        if (roles.Length > 0) session.LearnRoles(roles);
        return session;
    }

    private static CasAwsCredential Piped(string server) =>
        new("ASIAPIPED", "piped-secret", "piped-token", DateTime.UtcNow.AddHours(1))
        {
            Origin = new CredentialOrigin(new Uri(server), "frank", null, TimeSpan.FromHours(1)),
        };

    [Fact]
    public void The_server_is_the_given_one_else_the_piped_credentials_login_else_the_sessions()
    {
        CasAwsSession session = Session();

        Assert.Equal(GivenServer, ProfileServerChoice.Choose(new Uri(GivenServer), Piped(PipedServer), session, "p").ServerKey);
        Assert.Equal(PipedServer, ProfileServerChoice.Choose(null, Piped(PipedServer), session, "p").ServerKey);
        Assert.Equal(SessionServer, ProfileServerChoice.Choose(null, null, session, "p").ServerKey);
    }

    [Fact]
    public void The_session_applies_only_to_its_own_server_however_the_url_is_spelled()
    {
        CasAwsSession session = Session();

        Assert.Same(session, ProfileServerChoice.Choose(new Uri("https://SSO.example.org/cas/"), null, session, "p").Session);
        Assert.Same(session, ProfileServerChoice.Choose(null, Piped(SessionServer), session, "p").Session);
        Assert.Null(ProfileServerChoice.Choose(new Uri(GivenServer), null, session, "p").Session);
        Assert.Null(ProfileServerChoice.Choose(null, Piped(PipedServer), session, "p").Session);
    }

    [Fact]
    public void No_server_given_piped_or_in_a_session_is_ProfileServerRequired_naming_the_target()
    {
        var refused = Assert.Throws<CasAwsException>(() => ProfileServerChoice.Choose(null, null, null, "work"));

        Assert.Equal(ErrorIds.ProfileServerRequired, refused.ErrorId);
        Assert.Equal(CasAwsErrorKind.InvalidArgument, refused.Kind);
        Assert.Equal("work", refused.Target);
        Assert.Contains("-Server", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_registers_the_piped_roles_else_the_roles_the_session_of_that_server_knows()
    {
        ProfileServerChoice sameServer = ProfileServerChoice.Choose(null, null, Session(SessionServer, Developer.RoleArn, Admin.RoleArn), "");

        Assert.Equal(new[] { Admin }, ProfileRegistration.RolesToRegister(new[] { Admin }, sameServer, "{RoleName}"));
        Assert.Equal(new[] { Developer.RoleArn, Admin.RoleArn }, ProfileRegistration.RolesToRegister(Array.Empty<CasAwsRole>(), sameServer, "{RoleName}").Select(r => r.RoleArn));
    }

    [Fact]
    public void A_template_without_piped_roles_and_without_a_role_list_for_that_server_is_refused_naming_the_template()
    {
        ProfileServerChoice otherServer = ProfileServerChoice.Choose(new Uri(GivenServer), null, Session(SessionServer, Developer.RoleArn), "");
        ProfileServerChoice noRoleList = ProfileServerChoice.Choose(null, null, Session(), "");

        foreach (ProfileServerChoice server in new[] { otherServer, noRoleList })
        {
            var refused = Assert.Throws<CasAwsException>(() => ProfileRegistration.RolesToRegister(Array.Empty<CasAwsRole>(), server, "{RoleName}"));
            Assert.Equal(ErrorIds.ProfileRoleArnInvalid, refused.ErrorId);
            Assert.Equal("{RoleName}", refused.Target);
            Assert.Contains("Get-CasAwsRole", refused.Message, StringComparison.Ordinal);
        }
    }
}
