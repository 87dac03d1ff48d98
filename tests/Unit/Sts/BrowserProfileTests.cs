using CasAws.Aws;
using CasAws.Connections;

namespace CasAws.Tests.Sts;

/// <summary>A browser profile per role for Get-CasAwsConsoleUrl -BrowserProfile (issue 22, item 3).</summary>
public sealed class BrowserProfileTests
{
    private static readonly Uri Page = new("http://127.0.0.1:40000/AbCdEf");

    [Theory]
    [InlineData("/usr/bin/google-chrome", "Chromium")]
    [InlineData("C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe", "Chromium")]
    [InlineData("brave-browser", "Chromium")]
    [InlineData("/usr/bin/chromium", "Chromium")]
    [InlineData("/Applications/Firefox.app/Contents/MacOS/firefox", "Firefox")]
    [InlineData("/usr/bin/xdg-open", "Unknown")]
    public void The_family_comes_from_the_browser_s_file_name(string browser, string family)
    {
        Assert.Equal(family, BrowserProfile.FamilyOf(browser).ToString());
    }

    [Fact]
    public void Each_role_gets_its_own_folder_under_the_settings_directory()
    {
        var developer = BrowserProfile.ForRole("{AccountId}-{RoleName}", "arn:aws:sts::123456789012:assumed-role/CasDeveloper/casuser");
        var admin = BrowserProfile.ForRole("{AccountId}-{RoleName}", "arn:aws:iam::210987654321:role/path/Admin");

        Assert.Equal("123456789012-CasDeveloper", developer.Name);
        Assert.Equal("210987654321-Admin", admin.Name);
        Assert.Equal(Path.Combine(ConfigDirectory.Resolve(), "browser-profiles", "123456789012-CasDeveloper"), developer.Directory);
    }

    [Fact]
    public void Characters_that_could_leave_the_folder_become_dashes_and_an_empty_name_is_refused()
    {
        Assert.Equal("..-..-etc", BrowserProfile.ForRole("../../etc", "arn:aws:iam::123456789012:role/R").Name);
        Assert.Throws<ArgumentException>(() => BrowserProfile.ForRole("..", "arn:aws:iam::123456789012:role/R"));
    }

    [Fact]
    public void Chromium_gets_its_own_user_data_dir_and_Firefox_its_own_profile_with_the_one_time_page_only()
    {
        var profile = BrowserProfile.ForRole("research", "arn:aws:iam::123456789012:role/R");

        Assert.Equal("--user-data-dir=\"" + profile.Directory + "\" --no-first-run --no-default-browser-check \"" + Page.AbsoluteUri + "\"", profile.ArgumentsFor("chromium", Page));
        Assert.Equal("--new-instance --profile \"" + profile.Directory + "\" \"" + Page.AbsoluteUri + "\"", profile.ArgumentsFor("firefox", Page));
        Assert.Throws<ArgumentException>(() => profile.ArgumentsFor("xdg-open", Page));
    }
}
