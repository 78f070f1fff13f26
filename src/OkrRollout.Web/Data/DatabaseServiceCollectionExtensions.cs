using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OkrRollout.Web.Data;

public enum DatabaseEngine
{
    Sqlite,
    PostgreSql,
}

public static class DatabaseServiceCollectionExtensions
{
    public const string DefaultConnectionString = "Data Source=data/okrrollout.db";

    /// <summary>
    /// The engine comes from Database:Engine (Sqlite, the default, or PostgreSql) and the connection
    /// from ConnectionStrings:Default. A relative SQLite Data Source is resolved against the content
    /// root so the app finds the same file whatever the working directory. Interceptors other folders
    /// register (<see cref="IInterceptor"/>) see every save.
    /// </summary>
    public static IServiceCollection AddAppDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        // The engine decides which context type is registered, so it is read now; the connection
        // string is read from the built configuration, so settings added by a test factory count.
        var engine = DatabaseSettings.EngineOf(configuration);
        services.AddHttpContextAccessor();
        services.AddSingleton<IInterceptor, AuditTrail>();
        services.AddSingleton(sp => DatabaseSettings.From(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        if (engine == DatabaseEngine.PostgreSql)
        {
            services.AddDbContext<AppDbContext, PostgresAppDbContext>((sp, options) => options
                .UseNpgsql(sp.GetRequiredService<DatabaseSettings>().ConnectionString)
                .AddInterceptors(sp.GetServices<IInterceptor>()));
        }
        else
        {
            services.AddDbContext<AppDbContext>((sp, options) => options
                .UseSqlite(sp.GetRequiredService<DatabaseSettings>().ConnectionString)
                .AddInterceptors([SqlitePragmas, .. sp.GetServices<IInterceptor>()]));
        }
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        return services;
    }

    private static readonly SqlitePragmasInterceptor SqlitePragmas = new();

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

    /// <summary>Applies migrations; on SQLite also switches the file to WAL so readers never wait for a writer.</summary>
    public static async Task MigrateAsync(this AppDbContext db, CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    public sealed record DatabaseSettings(DatabaseEngine Engine, string ConnectionString)
    {
        public static DatabaseEngine EngineOf(IConfiguration configuration) => configuration.GetValue("Database:Engine", DatabaseEngine.Sqlite);

        public static DatabaseSettings From(IConfiguration configuration, string contentRoot)
        {
            var engine = EngineOf(configuration);
            var connectionString = configuration.GetConnectionString("Default");
            return engine == DatabaseEngine.PostgreSql
                ? new(engine, WithAutoPrepare(connectionString ?? throw new InvalidOperationException("Database:Engine is PostgreSql: set ConnectionStrings:Default to the database's connection string.")))
                : new(engine, ResolveSqliteFile(connectionString ?? DefaultConnectionString, contentRoot));
        }
    }

    /// <summary>
    /// Lets Npgsql keep the app's frequent statements prepared on the server, so PostgreSQL does not parse
    /// and plan them on every request, and skips resetting a pooled connection's session, which the app
    /// never changes (no SET, temporary tables or held locks). A connection string that sets either
    /// keeps its own value.
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        // Npgsql's own builder knows every key, set or not; a plain one lists only those given.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()).ToHashSet();
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("maxautoprepare"))
        {
            builder.MaxAutoPrepare = 100;
        }
        if (!given.Contains("noresetonclose"))
        {
            builder.NoResetOnClose = true;
        }
        return builder.ConnectionString;
    }

    private sealed class SqlitePragmasInterceptor : DbConnectionInterceptor
    {
        // Each pooled connection keeps a page cache of its own (2 MB by default) over pages the OS
        // already caches: 512 KB each kept the app's peak about 10 MB lower under load (load.sh).
        private const string Pragmas = "PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-512;";

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
