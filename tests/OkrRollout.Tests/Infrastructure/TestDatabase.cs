using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OkrRollout.Web.Data;

namespace OkrRollout.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database for one test class, on the engine the suite runs against: a SQLite file
/// by default, or a database of its own on the PostgreSQL server named by OKRROLLOUT_TEST_POSTGRES
/// (tests/run.sh starts a private cluster and runs the suite a second time with it).
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private const string PostgresVariable = "OKRROLLOUT_TEST_POSTGRES";

    private static string? ServerConnectionString => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public static DatabaseEngine Engine => ServerConnectionString is null ? DatabaseEngine.Sqlite : DatabaseEngine.PostgreSql;

    private readonly string? _sqliteFile;
    private readonly string? _postgresName;

    public TestDatabase(string directory)
    {
        if (ServerConnectionString is { } server)
        {
            _postgresName = "okrrollout_test_" + Guid.NewGuid().ToString("N");
            using (var connection = new NpgsqlConnection(server))
            {
                connection.Open();
                using var create = new NpgsqlCommand($"CREATE DATABASE \"{_postgresName}\"", connection);
                create.ExecuteNonQuery();
            }
            ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = _postgresName }.ToString();
        }
        else
        {
            Directory.CreateDirectory(directory);
            _sqliteFile = Path.Combine(directory, "okrrollout.db");
            ConnectionString = $"Data Source={_sqliteFile}";
        }
    }

    public string ConnectionString { get; }

    /// <summary>The settings that point the app at this database.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Database:Engine", Engine.ToString()),
        new("ConnectionStrings:Default", ConnectionString),
    ];

    /// <summary>A context on this database without the web host, as the app would configure it.</summary>
    public AppDbContext CreateContext() => Engine == DatabaseEngine.PostgreSql
        ? new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(ConnectionString).Options, TimeProvider.System)
        : new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(ConnectionString).Options, TimeProvider.System);

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(ServerConnectionString);
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }
        else
        {
            SqliteConnection.ClearAllPools();
            if (File.Exists(_sqliteFile))
            {
                File.Delete(_sqliteFile);
            }
        }
    }
}
