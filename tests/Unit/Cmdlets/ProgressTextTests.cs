using System;
using CasAws.Cas;
using CasAws.Credentials;
using CasAws.Session;
using CasAws.Commands;
using CasAws.Waiting;

namespace CasAws.Tests.Cmdlets;

/// <summary>
/// PowerShell's console shows progress on one line, "Activity [Status]", the activity taking at most
/// half the width and the status cut at the window's edge (5 columns go to brackets and spaces). What
/// matters must survive an 80-column terminal: the seconds waited, how to cancel, what to approve.
/// </summary>
public class ProgressTextTests
{
    private const int Columns = 80;

    private static string Visible(string activity, string status)
    {
        string shownActivity = activity.Length > Columns / 2 ? activity.Substring(0, Columns / 2) : activity;
        int room = Columns - shownActivity.Length - 5;
        return shownActivity + " [" + (status.Length > room ? status.Substring(0, room) : status) + "]";
    }

    [Fact]
    public void The_cas_wait_shows_seconds_cancel_and_push_first_in_80_columns()
    {
        string line = Visible(WaitText.CasActivity, WaitText.CasStatus(123, "https://sso.some-long-university-name.example.org/cas"));

        Assert.StartsWith("CAS login [123 s waited, Ctrl+C cancels.", line);
        Assert.Contains("Approve the Duo push", line);
    }

    [Fact]
    public void The_cas_wait_does_not_mention_a_push_when_none_can_come()
    {
        string line = Visible(WaitText.CasActivity, WaitText.CasStatus(4, "https://sso.example.org/cas", pushPossible: false));

        Assert.Equal("CAS login [4 s waited, Ctrl+C cancels. https://sso.example.org/cas]", line);
    }

    [Theory]
    [InlineData(CasMfaProvider.Duo, false, true)]
    [InlineData(CasMfaProvider.Duo, true, false)]
    [InlineData(CasMfaProvider.GoogleAuthenticator, true, false)]
    [InlineData(CasMfaProvider.YubiKey, true, false)]
    public void Only_a_duo_login_without_a_passcode_can_bring_a_push(CasMfaProvider provider, bool passcode, bool push)
    {
        using var password = new System.Security.SecureString();
        password.AppendChar('p');
        var session = new CasAwsSession(new CasConnectionSettings(new Uri("https://sso.example.org/cas")), "jdoe", password, TimeSpan.FromHours(1),
            new CasMfaOptions { Provider = provider });
        using var code = new System.Security.SecureString();
        var request = new CredentialRequest(TimeSpan.FromHours(1)) { Passcode = passcode ? code : null };

        Assert.Equal(push, CasAwsCmdlet.PushPossible(session, request));
    }

    [Fact]
    public void The_sts_wait_shows_seconds_and_cancel_first_in_80_columns()
    {
        string line = Visible(WaitText.StsActivity, WaitText.StsStatus(7, "Asking STS who these credentials are (sts.us-gov-west-1.amazonaws.com)"));

        Assert.StartsWith("AWS STS [7 s waited, Ctrl+C cancels.", line);
    }
}
