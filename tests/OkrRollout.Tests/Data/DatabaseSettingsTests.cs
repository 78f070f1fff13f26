using Microsoft.Extensions.Configuration;
using Npgsql;
using OkrRollout.Web.Data;

namespace OkrRollout.Tests.Data;

public class DatabaseSettingsTests
{
    private static DatabaseServiceCollectionExtensions.DatabaseSettings From(Dictionary<string, string?> settings) =>
        DatabaseServiceCollectionExtensions.DatabaseSettings.From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), "/srv/okrrollout");

    [Fact]
    public void SQLite_is_the_default_with_the_file_under_the_content_root()
    {
        var settings = From([]);

        Assert.Equal(DatabaseEngine.Sqlite, settings.Engine);
        Assert.Equal("Data Source=/srv/okrrollout/data/okrrollout.db", settings.ConnectionString);
    }

    [Fact]
    public void PostgreSQL_connections_prepare_statements_unless_the_connection_string_says_otherwise()
    {
        var defaults = new NpgsqlConnectionStringBuilder(From(new() { ["Database:Engine"] = "PostgreSql", ["ConnectionStrings:Default"] = "Host=db;Database=okr" }).ConnectionString);
        var own = new NpgsqlConnectionStringBuilder(From(new() { ["Database:Engine"] = "PostgreSql", ["ConnectionStrings:Default"] = "Host=db;Database=okr;Max Auto Prepare=0;No Reset On Close=false" }).ConnectionString);

        Assert.Equal((100, true, "db", "okr"), (defaults.MaxAutoPrepare, defaults.NoResetOnClose, defaults.Host, defaults.Database));
        Assert.Equal((0, false), (own.MaxAutoPrepare, own.NoResetOnClose));
    }

    [Fact]
    public void PostgreSQL_without_a_connection_string_is_a_clear_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => From(new() { ["Database:Engine"] = "PostgreSql" }));

        Assert.Contains("ConnectionStrings:Default", error.Message);
    }
}
