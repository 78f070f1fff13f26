using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OkrRollout.Web.Data;

public static class DatabaseServiceCollectionExtensions
{
    public const string DefaultConnectionString = "Data Source=data/okrrollout.db";

    /// <summary>
    /// SQLite file under the content root by default; a relative Data Source is resolved against
    /// the content root so the app finds the same file whatever the working directory.
    /// </summary>
    public static IServiceCollection AddAppDatabase(this IServiceCollection services)
    {
        // Resolved from the built configuration, so settings added by a host or a test factory count.
        services.AddSingleton(sp => new DatabaseSettings(ResolveSqliteFile(
            sp.GetRequiredService<IConfiguration>().GetConnectionString("Default") ?? DefaultConnectionString,
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath)));
        services.AddDbContext<AppDbContext>((sp, options) => options
            .UseSqlite(sp.GetRequiredService<DatabaseSettings>().ConnectionString, sqlite => sqlite.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName))
            .AddInterceptors(BusyTimeout, StageFacts));
        return services;
    }

    private static readonly SqliteBusyTimeoutInterceptor BusyTimeout = new();
    private static readonly Rollout.StageFactTracker StageFacts = new();

    public static string ResolveSqliteFile(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is not ("" or ":memory:") && builder.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.GetFullPath(builder.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }
        return builder.ToString();
    }

    /// <summary>Applies migrations and switches the file to WAL so readers never wait for a writer.</summary>
    public static async Task MigrateAsync(this AppDbContext db, CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    public sealed record DatabaseSettings(string ConnectionString);

    private sealed class SqliteBusyTimeoutInterceptor : DbConnectionInterceptor
    {
        private const string Pragmas = "PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
