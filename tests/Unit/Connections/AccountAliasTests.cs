using System.Net;
using CasAws.Aws;
using CasAws.Connections;
using CasAws.Errors;

namespace CasAws.Tests.Connections;

/// <summary>Issue 22, item 2: the account alias map on a saved connection, its checks, and reading IAM's answer.</summary>
public sealed class AccountAliasTests : IDisposable
{
    private const string Server = "https://sso.example.org/cas";
    private readonly string directory = Path.Combine(Path.GetTempPath(), "casaws-alias-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }

    private ConnectionStore Store => new ConnectionStore(directory);

    private void SaveWork(string user = "erin") =>
        Store.Save(new SavedConnection { Name = "work", Server = Server, UserName = user }, CancellationToken.None);

    [Fact]
    public void Set_get_and_remove_round_trip_through_the_file_and_a_login_that_saves_again_keeps_the_aliases()
    {
        SaveWork();
        AccountAliasEditor.Set(Store, "work", "123456789012", "research-prod", CancellationToken.None);
        AccountAliasEditor.Set(Store, "WORK", "210987654321", "teaching", CancellationToken.None);
        SaveWork();

        SavedConnection saved = Assert.Single(Store.Load().Connections);
        Assert.Equal(new Dictionary<string, string> { ["123456789012"] = "research-prod", ["210987654321"] = "teaching" }, saved.AccountAliases);

        AccountAliasEditor.Remove(Store, "work", "123456789012", CancellationToken.None);
        Assert.Equal(new[] { "210987654321" }, Store.Load().Connections[0].AccountAliases.Keys);
        CasAwsException missing = Assert.Throws<CasAwsException>(() => AccountAliasEditor.Remove(Store, "work", "123456789012", CancellationToken.None));
        Assert.Equal(ErrorIds.AccountAliasNotFound, missing.ErrorId);
        AccountAliasEditor.RequireAlias(Store.Load(), "work", "210987654321");
        Assert.Equal(ErrorIds.AccountAliasNotFound, Assert.Throws<CasAwsException>(() => AccountAliasEditor.RequireAlias(Store.Load(), "work", "123456789012")).ErrorId);
        Assert.Equal(ErrorIds.ConnectionNotFound, Assert.Throws<CasAwsException>(() => AccountAliasEditor.RequireAlias(Store.Load(), "home", "210987654321")).ErrorId);
    }

    [Theory]
    [InlineData("12345678901", "research-prod")]
    [InlineData("1234567890123", "research-prod")]
    [InlineData("12345678901x", "research-prod")]
    [InlineData("123456789012", "Research-Prod")]
    [InlineData("123456789012", "-research")]
    [InlineData("123456789012", "research--prod")]
    [InlineData("123456789012", "ab")]
    [InlineData("123456789012", "research prod")]
    [InlineData("123456789012", "research\u001b[31m")]
    public void An_account_id_that_is_not_12_digits_or_an_alias_IAM_would_not_accept_is_refused_and_nothing_is_written(string accountId, string alias)
    {
        SaveWork();
        byte[] before = File.ReadAllBytes(Store.FilePath);

        CasAwsException error = Assert.Throws<CasAwsException>(() => AccountAliasEditor.Set(Store, "work", accountId, alias, CancellationToken.None));

        Assert.Equal(ErrorIds.AccountAliasInvalid, error.ErrorId);
        Assert.Equal(CasAwsErrorKind.InvalidArgument, error.Kind);
        Assert.DoesNotContain('\u001b', error.Message);
        Assert.Equal(before, File.ReadAllBytes(Store.FilePath));
    }

    [Fact]
    public void An_unknown_connection_is_ConnectionNotFound()
    {
        CasAwsException error = Assert.Throws<CasAwsException>(() => AccountAliasEditor.Set(Store, "nowhere", "123456789012", "research-prod", CancellationToken.None));

        Assert.Equal(ErrorIds.ConnectionNotFound, error.ErrorId);
    }

    [Fact]
    public void An_alias_out_of_shape_in_the_file_is_dropped_alone_and_the_connection_still_loads()
    {
        string json = """
            {"version":1,"connections":[{"name":"work","server":"https://sso.example.org/cas",
              "accountAliases":{"123456789012":"research-prod","999":"short-id","210987654321":"Bad Alias","111111111111":7}}]}
            """;

        ParsedConnections parsed = ConnectionsFile.Parse(json);

        SavedConnection connection = Assert.Single(parsed.Connections);
        Assert.Equal(0, parsed.Skipped);
        Assert.Equal(new Dictionary<string, string> { ["123456789012"] = "research-prod" }, connection.AccountAliases);
    }

    [Fact]
    public void The_book_prefers_the_named_connection_then_the_users_own_then_others_for_the_server()
    {
        var connections = new[]
        {
            new SavedConnection { Name = "bob", Server = Server, UserName = "bob", AccountAliases = { ["123456789012"] = "bobs-name", ["333333333333"] = "only-bob" } },
            new SavedConnection { Name = "erin", Server = Server, UserName = "erin", AccountAliases = { ["123456789012"] = "erins-name" } },
            new SavedConnection { Name = "elsewhere", Server = "https://other.example.org/cas", AccountAliases = { ["444444444444"] = "elsewhere" } },
        };

        AccountAliasBook forErin = AccountAliasBook.From(connections, Server, "erin", null);
        AccountAliasBook named = AccountAliasBook.From(connections, Server, "erin", "bob");

        Assert.Equal("erins-name", forErin.AliasOf("123456789012"));
        Assert.Equal("only-bob", forErin.AliasOf("333333333333"));
        Assert.Null(forErin.AliasOf("444444444444"));
        Assert.Equal("bobs-name", named.AliasOf("123456789012"));
    }

    [Fact]
    public void IAMs_answer_gives_the_alias_none_or_a_refusal_with_IAMs_code_and_never_a_parser_exception()
    {
        var iam = new Uri("https://iam.amazonaws.com/");
        const string ok = """
            <ListAccountAliasesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListAccountAliasesResult><IsTruncated>false</IsTruncated>
            <AccountAliases><member>research-prod</member></AccountAliases></ListAccountAliasesResult></ListAccountAliasesResponse>
            """;
        const string none = """<ListAccountAliasesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListAccountAliasesResult><AccountAliases/></ListAccountAliasesResult></ListAccountAliasesResponse>""";
        const string denied = """<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: x is not authorized</Message></Error></ErrorResponse>""";
        const string hostile = """<r><AccountAliases><member>evil&#x1b;[31m</member></AccountAliases></r>""";

        Assert.Equal("research-prod", IamAccountAliasClient.ReadAnswer(ok, 200, iam, "123456789012"));
        Assert.Null(IamAccountAliasClient.ReadAnswer(none, 200, iam, "123456789012"));
        CasAwsException refused = Assert.Throws<CasAwsException>(() => IamAccountAliasClient.ReadAnswer(denied, (int)HttpStatusCode.Forbidden, iam, "123456789012"));
        Assert.Equal(ErrorIds.AccountAliasNotResolved, refused.ErrorId);
        Assert.Contains("(AccessDenied)", refused.Message);
        Assert.Contains("Set-CasAwsAccountAlias", refused.Message);
        foreach (string body in new[] { hostile, "<html><body>proxy login", "<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>" })
        {
            CasAwsException bad = Assert.Throws<CasAwsException>(() => IamAccountAliasClient.ReadAnswer(body, 200, iam, "123456789012"));
            Assert.Equal(ErrorIds.AccountAliasNotResolved, bad.ErrorId);
            Assert.DoesNotContain('\u001b', bad.Message);
        }
    }
}
