using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace OkrRollout.Web.Data;

// How `dotnet ef` (tools/add-migration.sh) makes each engine's context without starting the app.
// Scaffolding a migration reads the model and the engine's snapshot only, so neither connects:
// the SQLite one is an in-memory database and nothing opens the PostgreSQL one.

internal sealed class AppDbContextDesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options, TimeProvider.System);
}

internal sealed class PostgresAppDbContextDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost").Options, TimeProvider.System);
}
