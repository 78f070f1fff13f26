using Microsoft.AspNetCore.Identity;
using OkrRollout.Web.Data.Seeding;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Data;

public static class DatabaseStartup
{
    /// <summary>Migrates, makes sure the four roles exist, and loads the demo organisation into an empty database when Seed:Demo is on.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.MigrateAsync();

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
}
