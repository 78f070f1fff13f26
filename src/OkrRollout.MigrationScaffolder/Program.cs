// Scaffolds an EF Core migration for OkrRollout.Web without the dotnet-ef tool:
//   dotnet run --project src/OkrRollout.MigrationScaffolder -- AddSomething
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Data;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: dotnet run --project src/OkrRollout.MigrationScaffolder -- <MigrationName>");
    return 2;
}

var repository = FindRepositoryRoot();
var projectDirectory = Path.Combine(repository, "src", "OkrRollout.Web");

using var connection = new SqliteConnection("Data Source=:memory:");
var options = new DbContextOptionsBuilder<AppDbContext>()
    .UseSqlite(connection, o => o.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName))
    .Options;
using var db = new AppDbContext(options);

var services = new ServiceCollection();
services.AddEntityFrameworkDesignTimeServices();
services.AddDbContextDesignTimeServices(db);
new Microsoft.EntityFrameworkCore.Sqlite.Design.Internal.SqliteDesignTimeServices().ConfigureDesignTimeServices(services);
using var provider = services.BuildServiceProvider();

var scaffolder = provider.GetRequiredService<IMigrationsScaffolder>();
var migration = scaffolder.ScaffoldMigration(args[0], "OkrRollout.Web", "Data.Migrations", "C#");
var files = scaffolder.Save(projectDirectory, migration, Path.Combine(projectDirectory, "Data", "Migrations"));
Console.WriteLine($"Wrote {files.MigrationFile}");
Console.WriteLine($"Wrote {files.MetadataFile}");
Console.WriteLine($"Wrote {files.SnapshotFile}");
return 0;

static string FindRepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "OkrRollout.sln")))
        {
            return directory.FullName;
        }
    }
    throw new InvalidOperationException("Run from inside the repository.");
}
