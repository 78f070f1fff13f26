using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using OkrRollout.Web.Data;

namespace OkrRollout.Tests.Data;

/// <summary>Each engine has its own migrations; both must keep up with the one model.</summary>
public class MigrationsTests
{
    private const string Hint = "the model changed without a migration: run tools/add-migration.sh NAME, which adds one for both engines (see README)";

    [Fact]
    public void The_SQLite_migrations_match_the_model()
    {
        using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options, TimeProvider.System);

        Assert.False(db.Database.HasPendingModelChanges(), "SQLite: " + Hint);
    }

    [Fact]
    public void The_PostgreSQL_migrations_match_the_model()
    {
        // Comparing the model with the migrations' snapshot needs no server.
        using var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost").Options, TimeProvider.System);

        Assert.False(db.Database.HasPendingModelChanges(), "PostgreSQL: " + Hint);
    }

    [Fact]
    public void Both_engines_have_a_migration_for_every_table()
    {
        using var sqlite = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options, TimeProvider.System);
        using var postgres = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost").Options, TimeProvider.System);

        Assert.Equal(Tables(sqlite), Tables(postgres));
    }

    private static string[] Tables(DbContext db) =>
        db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsAssembly>().ModelSnapshot!.Model.GetEntityTypes()
            .Select(e => e.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToArray();
}
