using Microsoft.Data.Sqlite;
using Npgsql;

namespace OkrRollout.Benchmarks;

/// <summary>
/// A fresh temporary folder for one benchmark run's files, and its database: a SQLite file in the
/// folder, or, when OKRROLLOUT_BENCH_POSTGRES names a PostgreSQL server, a fresh database there.
/// Both are deleted afterwards.
/// </summary>
public sealed class BenchmarkDirectory : IDisposable
{
    private readonly List<string> _postgresDatabases = [];

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "okrrollout-bench-" + Guid.NewGuid().ToString("N"));

    public BenchmarkDirectory() => Directory.CreateDirectory(Path);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    private static string? PostgresServer => Environment.GetEnvironmentVariable("OKRROLLOUT_BENCH_POSTGRES") is { Length: > 0 } server ? server : null;

    /// <summary>A fresh database for the run, as <see cref="BenchmarkDatabase"/> understands it: a file path or a connection string.</summary>
    public string Database(string name)
    {
        if (PostgresServer is not { } server)
        {
            return File(name);
        }
        var database = "okrrollout_bench_" + Guid.NewGuid().ToString("N");
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        create.ExecuteNonQuery();
        _postgresDatabases.Add(database);
        return new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString();
    }

    public void Dispose()
    {
        // SQLite keeps pooled connections (and so the database file) open until told otherwise.
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        foreach (var database in _postgresDatabases)
        {
            using var connection = new NpgsqlConnection(PostgresServer);
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }
        Directory.Delete(Path, recursive: true);
    }
}

/// <summary>Where a benchmark's data lives: a SQLite file path, or a PostgreSQL connection string (anything with "Host=").</summary>
public static class BenchmarkDatabase
{
    public static bool IsPostgreSql(string database) => database.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    public static Dictionary<string, string?> Settings(string database) => IsPostgreSql(database)
        ? new() { ["Database:Engine"] = "PostgreSql", ["ConnectionStrings:Default"] = database }
        : new() { ["ConnectionStrings:Default"] = $"Data Source={database}" };
}
