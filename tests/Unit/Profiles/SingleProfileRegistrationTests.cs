using System.Security;
using CasAws.Cache;
using CasAws.Cas;
using CasAws.Connections;
using CasAws.Credentials;
using CasAws.Errors;
using CasAws.Profiles;
using CasAws.Session;

namespace CasAws.Tests.Profiles;

/// <summary>Issue 17, item 2: the rules of registering one profile: its role, its login kind, the helper's arguments and the cache entry.</summary>
public sealed class SingleProfileRegistrationTests
{
    private const string Server = "https://sso.example.org/cas";
    private const string Developer = "arn:aws:iam::123456789012:role/CasDeveloper";
    private const string Admin = "arn:aws:iam::123456789012:role/engineering/CasAdmin";
    private static readonly DateTime Expiry = DateTime.UtcNow.AddHours(1);

    private static CasAwsSession Session(params string[] roles)
    {
        var session = new CasAwsSession(new CasConnectionSettings(new Uri(Server)) { CaBundlePath = "/session/ca.pem" }, "erin", new SecureString(), TimeSpan.FromHours(1));
        if (roles.Length > 0) session.LearnRoles(roles);
        return session;
    }

    private static CasAwsCredential Piped(string? roleArn, string user = "frank", bool browserLogin = false) =>
        new("ASIAPIPED", "piped-secret", "piped-token", Expiry)
        {
            Origin = new CredentialOrigin(new Uri(Server), user, roleArn, TimeSpan.FromHours(2))
            {
                BrowserLogin = browserLogin,
                Connection = new CasConnectionSettings(new Uri(Server), "custom/awsSts") { CaBundlePath = "/piped/ca.pem" },
            },
        };

    /// <summary>Stands in for the cmdlet's name resolver: this test's resolutions are exact names only.</summary>
    private static string ByName(string name, IReadOnlyList<CasAwsRole> roles, string server) =>
        roles.Single(r => r.RoleName == name).RoleArn;

    [Fact]
    public void The_role_is_the_given_one_resolved_by_name_else_the_piped_credentials_else_the_sessions_default_or_only_one()
    {
        CasAwsSession twoRoles = Session(Developer, Admin);
        twoRoles.DefaultRoleArn = Admin;

        Assert.Equal(Developer, new SingleProfileRegistration(null, null, twoRoles).RoleArn("CasDeveloper", "p", ByName));
        Assert.Equal(Developer, new SingleProfileRegistration(Piped(Developer), null, twoRoles).RoleArn(null, "p", ByName));
        Assert.Equal(Admin, new SingleProfileRegistration(null, null, twoRoles).RoleArn(null, "p", ByName));
        Assert.Equal(Developer, new SingleProfileRegistration(null, null, Session(Developer)).RoleArn(null, "p", ByName));
        Assert.Null(new SingleProfileRegistration(Piped(null), null, twoRoles).RoleArn(null, "p", ByName));
    }

    [Fact]
    public void Several_roles_and_no_default_or_a_name_without_a_role_list_is_refused_with_the_profile_error()
    {
        var several = Assert.Throws<CasAwsException>(() => new SingleProfileRegistration(null, null, Session(Developer, Admin)).RoleArn(null, "p", ByName));
        var name = Assert.Throws<CasAwsException>(() => new SingleProfileRegistration(null, null, null).RoleArn("CasDeveloper", "p", ByName));

        Assert.Equal(ErrorIds.ProfileRoleArnInvalid, several.ErrorId);
        Assert.Equal("p", several.Target);
        Assert.Contains(Admin, several.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorIds.ProfileRoleArnInvalid, name.ErrorId);
        Assert.Equal("CasDeveloper", name.Target);
    }

    [Fact]
    public void The_login_kind_is_the_piped_credentials_else_the_sessions()
    {
        Assert.True(new SingleProfileRegistration(Piped(Developer, browserLogin: true), null, Session()).BrowserLogin);
        Assert.False(new SingleProfileRegistration(Piped(Developer), null, null).BrowserLogin);
        Assert.False(new SingleProfileRegistration(null, null, Session()).BrowserLogin);
    }

    [Fact]
    public void Each_helper_argument_comes_from_its_parameter_else_the_piped_login_else_the_saved_connection_else_the_session()
    {
        var saved = new SavedConnection { Name = "work", Server = Server, UserName = "gina", Duration = TimeSpan.FromHours(3), EndpointPath = "saved/awsSts" };
        var given = new ProfileLoginOptions { Timeout = TimeSpan.FromSeconds(300), MfaProvider = CasMfaProvider.GoogleAuthenticator, MfaAccount = "2" };

        CredentialProcessArguments fromPiped = new SingleProfileRegistration(Piped(Developer), saved, Session()).HelperArguments("p", Server, Developer, given, path => path, null);
        CredentialProcessArguments fromSaved = new SingleProfileRegistration(null, saved, Session()).HelperArguments("p", Server, Developer, new ProfileLoginOptions { UserName = "hal" }, path => path, null);

        Assert.Equal(("frank", TimeSpan.FromHours(2), "custom/awsSts", "/piped/ca.pem"), (fromPiped.UserName, fromPiped.Duration, fromPiped.EndpointPath, fromPiped.CaBundlePath));
        Assert.Equal(TimeSpan.FromSeconds(300), fromPiped.Timeout);
        Assert.Equal(("GoogleAuthenticator", "2"), (fromPiped.MfaProvider, fromPiped.MfaAccount));
        Assert.Equal(("hal", TimeSpan.FromHours(3), "saved/awsSts", "/session/ca.pem"), (fromSaved.UserName, fromSaved.Duration, fromSaved.EndpointPath, fromSaved.CaBundlePath));
        Assert.Null(fromSaved.Timeout); // the default is left to the helper
        Assert.Equal((Server, Developer), (fromSaved.Server, fromSaved.RoleArn));
    }

    [Fact]
    public void A_given_ca_bundle_is_checked_and_a_duration_or_proxy_sts_or_the_helper_would_refuse_stops_the_registration()
    {
        var registration = new SingleProfileRegistration(null, null, Session());

        var bundle = Assert.Throws<CasAwsException>(() => registration.HelperArguments("p", Server, Developer, new ProfileLoginOptions { CaBundlePath = "missing.pem" }, path => "/nonexistent/" + path, null));
        var duration = Assert.Throws<CasAwsException>(() => registration.HelperArguments("p", Server, Developer, new ProfileLoginOptions { Duration = TimeSpan.FromHours(13) }, path => path, null));
        var proxy = Assert.Throws<CasAwsException>(() => registration.HelperArguments("p", Server, Developer, new ProfileLoginOptions { Proxy = new Uri("http://user:pw@proxy.example.org:3128") }, path => path, null));

        Assert.Equal(ErrorIds.CaBundleUnreadable, bundle.ErrorId);
        Assert.Equal((ErrorIds.DurationOutOfRange, (object?)"p"), (duration.ErrorId, duration.Target));
        Assert.Equal(ErrorIds.ProxyUrlInvalid, proxy.ErrorId);
        Assert.DoesNotContain("pw@", proxy.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cache_entry_takes_the_piped_keys_else_the_sessions_for_its_user_else_keeps_those_of_the_same_login()
    {
        CasAwsSession session = Session(Developer);
        var sessionKeys = new CasAwsCredential("ASIASESSION", "session-secret", "session-token", Expiry);
        session.Remember(new CredentialOrigin(new Uri(Server), "erin", Developer, session.DefaultDuration), sessionKeys);
        CredentialCacheEntry previous = new CredentialCacheEntry("p", Server, Admin, "erin").WithKeys("ASIAPREVIOUS", "s", "t", Expiry, null);

        CredentialCacheEntry piped = new SingleProfileRegistration(Piped(Developer, browserLogin: true), null, session).CacheEntry("p", Server, Developer, "frank", null);
        CredentialCacheEntry fromSession = new SingleProfileRegistration(null, null, session).CacheEntry("p", Server, Developer, "erin", null);
        CredentialCacheEntry otherUser = new SingleProfileRegistration(null, null, session).CacheEntry("p", Server, Developer, "ivan", null);
        CredentialCacheEntry kept = new SingleProfileRegistration(null, null, session).CacheEntry("p", Server, Admin, "erin", previous);
        CredentialCacheEntry otherLogin = new SingleProfileRegistration(null, null, session).CacheEntry("p", Server, Admin, "ivan", previous);

        Assert.Equal(("ASIAPIPED", "frank", true), (piped.AccessKeyId, piped.UserName, piped.BrowserLogin));
        Assert.Equal("ASIASESSION", fromSession.AccessKeyId);
        Assert.False(otherUser.HasKeys);
        Assert.Equal("ASIAPREVIOUS", kept.AccessKeyId);
        Assert.False(otherLogin.HasKeys);
    }
}
