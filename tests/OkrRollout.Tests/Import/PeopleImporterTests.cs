using System.Text;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Import;

namespace OkrRollout.Tests.Import;

/// <summary>The importer on a real database of its own, without the web layer.</summary>
public sealed class PeopleImporterTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "okrrollout-importer-" + Guid.NewGuid().ToString("N"));
    private readonly TestDatabase _database;
    private AppDbContext _db = null!;

    public PeopleImporterTests()
    {
        _database = new TestDatabase(_directory);
    }

    public async Task InitializeAsync()
    {
        _db = _database.CreateContext();
        await _db.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        _database.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static PeopleCsvFile Csv(params string[] rows) =>
        PeopleCsvReader.Read(Encoding.UTF8.GetBytes(string.Join("\n", ["email,name,unit,lead,language,manager_email", .. rows])), long.MaxValue);

    private async Task<Dictionary<string, string?>> ManagersAsync() =>
        (await _db.People.Select(p => new { p.Email, Manager = p.Manager == null ? null : p.Manager.Email }).ToListAsync())
            .ToDictionary(p => p.Email, p => p.Manager);

    [Fact]
    public async Task New_managers_are_linked_in_any_row_order_including_a_cycle()
    {
        var plan = await new PeopleImporter(_db).ApplyAsync(Csv(
            "report@example.com,Report,Org/Chain,no,fi,middle@example.com",
            "middle@example.com,Middle,Org/Chain,yes,fi,top@example.com",
            "top@example.com,Top,Org/Chain,yes,en,",
            "left@example.com,Left,Org/Loop,yes,fi,right@example.com",
            "right@example.com,Right,Org/Loop,yes,fi,left@example.com"), false, "test", null, CancellationToken.None);

        Assert.Equal(5, plan.Added.Count);
        var managers = await ManagersAsync();
        Assert.Equal("middle@example.com", managers["report@example.com"]);
        Assert.Equal("top@example.com", managers["middle@example.com"]);
        Assert.Null(managers["top@example.com"]);
        Assert.Equal("right@example.com", managers["left@example.com"]);
        Assert.Equal("left@example.com", managers["right@example.com"]);
    }

    [Fact]
    public async Task Importing_twice_changes_nothing_and_units_are_created_once()
    {
        var file = Csv("a@example.com,A,Nordic/Software/Cloud,yes,fi,", "b@example.com,B,Nordic/Software/Cloud,no,en,a@example.com");
        var importer = new PeopleImporter(_db);

        var first = await importer.ApplyAsync(file, true, "test", null, CancellationToken.None);
        var second = await importer.ApplyAsync(file, true, "test", null, CancellationToken.None);

        Assert.Equal((2, 3), (first.Added.Count, first.NewUnitPaths.Count));
        Assert.Equal((0, 2), (second.ChangeCount, second.Unchanged));
        var units = await _db.OrgUnits.OrderBy(u => u.NamePath).Select(u => new { u.NamePath, u.IdPath }).ToListAsync();
        Assert.Equal(["Nordic", "Nordic/Software", "Nordic/Software/Cloud"], units.Select(u => u.NamePath));
        Assert.StartsWith(units[1].IdPath, units[2].IdPath);
        Assert.Equal("a a@example.com", await _db.People.Where(p => p.Email == "a@example.com").Select(p => p.SearchText).SingleAsync());
    }

    [Fact]
    public async Task Progress_is_reported_up_to_the_total()
    {
        var reports = new List<ImportProgress>();
        var rows = Enumerable.Range(0, 4500).Select(i => $"p{i}@example.com,P {i},Org,no,fi,").ToArray();

        await new PeopleImporter(_db).ApplyAsync(Csv(rows), false, "test", new ListProgress(reports), CancellationToken.None);

        Assert.Equal(new ImportProgress(0, 4500), reports[0]);
        Assert.Equal(new ImportProgress(4500, 4500), reports[^1]);
        Assert.True(reports.Count >= 3);
    }

    private sealed class ListProgress(List<ImportProgress> reports) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => reports.Add(value);
    }
}
