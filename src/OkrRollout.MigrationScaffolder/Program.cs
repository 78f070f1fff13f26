// Scaffolds an EF Core migration for OkrRollout.Web without the dotnet-ef tool, for both engines
// at once so their migrations stay in step:
//   dotnet run --project src/OkrRollout.MigrationScaffolder -- AddSomething
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
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

using (var connection = new SqliteConnection("Data Source=:memory:"))
using (var sqlite = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(connection).Options, TimeProvider.System))
{
    Scaffold(sqlite, "Sqlite", new Microsoft.EntityFrameworkCore.Sqlite.Design.Internal.SqliteDesignTimeServices());
}

// Scaffolding reads the model and the snapshot only; nothing connects to this server.
using (var postgres = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost").Options, TimeProvider.System))
{
    Scaffold(postgres, "Postgres", new Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal.NpgsqlDesignTimeServices());
}
return 0;

void Scaffold(AppDbContext db, string engine, IDesignTimeServices engineServices)
{
    if (!db.Database.HasPendingModelChanges())
    {
        Console.WriteLine($"{engine}: the migrations already match the model");
        return;
    }
    var services = new ServiceCollection();
    services.AddEntityFrameworkDesignTimeServices();
    services.AddDbContextDesignTimeServices(db);
    engineServices.ConfigureDesignTimeServices(services);
    // HasPendingModelChanges (above) has already initialised the snapshot's model for run time; EF's
    // design-time reader then found no relational model in it and scaffolded every table as new.
    // Reading the snapshot the way the run-time check does keeps the two in agreement.
    services.AddSingleton<Microsoft.EntityFrameworkCore.Migrations.Internal.ISnapshotModelProcessor>(new RuntimeSnapshotReader(db));
    using var provider = services.BuildServiceProvider();

    var scaffolder = provider.GetRequiredService<IMigrationsScaffolder>();
    var migration = scaffolder.ScaffoldMigration(args[0], "OkrRollout.Web", "Data.Migrations." + engine, "C#");
    var files = scaffolder.Save(projectDirectory, migration, Path.Combine(projectDirectory, "Data", "Migrations", engine));
    Console.WriteLine($"Wrote {files.MigrationFile}");
    Console.WriteLine($"Wrote {files.MetadataFile}");
    Console.WriteLine($"Wrote {files.SnapshotFile}");
}

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

sealed class RuntimeSnapshotReader(DbContext db) : Microsoft.EntityFrameworkCore.Migrations.Internal.ISnapshotModelProcessor
{
    public Microsoft.EntityFrameworkCore.Metadata.IModel? Process(Microsoft.EntityFrameworkCore.Metadata.IReadOnlyModel? model, bool resetVersion = false) => model switch
    {
        null => null,
        Annotatable { IsReadOnly: false } and Microsoft.EntityFrameworkCore.Metadata.IMutableModel mutable => Initialize(mutable.FinalizeModel()),
        _ => Initialize((Microsoft.EntityFrameworkCore.Metadata.IModel)model),
    };

    private Microsoft.EntityFrameworkCore.Metadata.IModel Initialize(Microsoft.EntityFrameworkCore.Metadata.IModel model) =>
        db.GetService<Microsoft.EntityFrameworkCore.Infrastructure.IModelRuntimeInitializer>().Initialize(model, designTime: true, validationLogger: null);
}
