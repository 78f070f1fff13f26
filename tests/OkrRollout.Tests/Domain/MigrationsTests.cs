using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;

namespace OkrRollout.Tests.Domain;

public class MigrationsTests
{
    [Fact]
    public void The_migrations_match_the_model()
    {
        using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options);

        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a migration: run src/OkrRollout.MigrationScaffolder (see README)");
    }
}
