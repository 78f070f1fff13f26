using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using OkrRollout.Web.Seeding;
using OkrRollout.Web.Email;
using OkrRollout.Web.Data;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Hosting;

public static class DatabaseStartup
{
    // Any fixed number: the key of the PostgreSQL advisory lock that start-ups take in turn.
    private const long StartupLockKey = 0x4F4B52_5354415254;

    /// <summary>
    /// Migrates, makes sure the four roles exist, and loads the demo organisation into an empty database
    /// when Seed:Demo is on. On PostgreSQL, instances starting at once do this one after another: each
    /// looks for roles and an empty database, and two that looked at the same moment would both fill it.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var startupLock = db.Database.IsNpgsql() ? await StartupLock.TakeAsync(db.Database.GetConnectionString()!) : null;
        await MigrateAsync(db, scope.ServiceProvider.GetRequiredService<SealedLinks>());

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        if (app.Configuration.GetValue("Seed:Demo", true))
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Migrates. The messages queued before personal links were sealed hold theirs readable; the
    /// start-up that applies the migration SealOutboxLinks seals them first, on the schema just before
    /// it, so one that stops half-way does it again the next time.
    /// </summary>
    private static async Task MigrateAsync(AppDbContext db, SealedLinks links)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        // Both engines name the migration alike.
        var sealing = pending.FindIndex(m => m.EndsWith("_" + nameof(Data.Migrations.Sqlite.SealOutboxLinks), StringComparison.Ordinal));
        if (sealing > 0)
        {
            await db.GetService<IMigrator>().MigrateAsync(pending[sealing - 1]);
        }
        if (sealing >= 0)
        {
            await links.SealStoredAsync(db, CancellationToken.None);
        }
        await db.MigrateAsync();
    }

    /// <summary>A session-level advisory lock on a connection of its own, released before the connection goes back to the pool.</summary>
    private sealed class StartupLock(Npgsql.NpgsqlConnection connection) : IAsyncDisposable
    {
        public static async Task<StartupLock> TakeAsync(string connectionString)
        {
            var connection = new Npgsql.NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", StartupLockKey);
            await command.ExecuteNonQueryAsync();
            return new StartupLock(connection);
        }

        public async ValueTask DisposeAsync()
        {
            // Pooled connections keep their session (No Reset On Close), and with it the lock, unless it is let go.
            await using (var command = new Npgsql.NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection))
            {
                command.Parameters.AddWithValue("key", StartupLockKey);
                await command.ExecuteNonQueryAsync();
            }
            await connection.DisposeAsync();
        }
    }
}
