using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Import;

namespace OkrRollout.Benchmarks;

/// <summary>
/// A period's alignment tree with 2,000 objectives and 8,000 key results (company → functions →
/// teams, four key results each, one check-in each), rendered in-process: the default view (top
/// level, branches open on demand) and the whole tree (?expand=all).
/// </summary>
public static class OkrTreeBenchmark
{
    public static async Task<int> RunAsync(int objectives, int requests)
    {
        using var directory = new BenchmarkDirectory();
        await using var app = new BenchmarkApp(directory.Database("bench.db"));
        int periodId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await scope.ServiceProvider.GetRequiredService<PeopleImporter>().ApplyAsync(PeopleCsvReader.Read(PeopleGenerator.Csv(objectives * 10, teamSize: 10), long.MaxValue), false, "benchmark", null, CancellationToken.None);
            periodId = await GenerateAsync(db, objectives);
        }
        var (objectiveCount, keyResultCount) = await app.WithDbAsync(async db => (await db.Objectives.CountAsync(o => o.PeriodId == periodId), await db.KeyResults.CountAsync(k => k.Objective.PeriodId == periodId)));
        Console.WriteLine($"Period with {objectiveCount:N0} objectives and {keyResultCount:N0} key results");

        using var client = await Latency.SignInAsync(app, "emma.laine@aurora-telematics.example");
        Console.WriteLine();
        Console.WriteLine($"{requests} requests per view, one at a time, after 10 warm-up requests");
        Console.WriteLine();
        Console.WriteLine("| view | p50 | p95 | max | HTML |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (name, url) in new[] { ("tree, top level (branches on demand)", $"/Okr?periodId={periodId}"), ("whole tree (?expand=all)", $"/Okr?periodId={periodId}&expand=all") })
        {
            var size = (await client.GetByteArrayAsync(url)).Length;
            var result = await Latency.MeasureAsync(() => Latency.GetAsync(client, url), requests, warmUp: 10);
            Console.WriteLine($"| {name} | {result.P50:F1} ms | {result.P95:F1} ms | {result.Max:F1} ms | {size / 1024:N0} KiB |");
        }
        return 0;
    }

    private static async Task<int> GenerateAsync(AppDbContext db, int total)
    {
        var cycle = new Cycle { Name = "Benchmark", StartDate = new(2027, 1, 1), EndDate = new(2027, 12, 31) };
        var period = new Period { Cycle = cycle, Name = "Jan–Apr", StartDate = new(2027, 1, 1), EndDate = new(2027, 4, 30) };
        db.Periods.Add(period);
        await db.SaveChangesAsync();
        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.NamePath, Depth = u.IdPath.Length - u.IdPath.Replace("/", "").Length - 2 }).ToListAsync();
        var company = units.Single(u => u.NamePath == "Megacorp");
        var functions = units.Where(u => u.Depth == 2 && u.NamePath.StartsWith("Megacorp/")).Take(40).ToList();
        var teams = units.Where(u => u.Depth == 3 && u.NamePath.StartsWith("Megacorp/")).ToList();
        var random = new Random(7);
        Objective Make(int unitId, Objective? parent, int n) => new()
        {
            PeriodId = period.Id,
            UnitId = unitId,
            Parent = parent,
            Title = $"Objective {n}: customers notice the difference",
            Status = n % 5 == 0 ? ObjectiveStatus.Draft : ObjectiveStatus.Published,
            KeyResults =
            {
                new KeyResult { Title = "Key result A", StartValue = 0, TargetValue = 100, CurrentValue = random.Next(0, 100), CheckIns = { new CheckIn { Date = new(2027, 2, 1), Value = 10, Confidence = 7 } } },
                new KeyResult { Title = "Key result B", StartValue = 50, TargetValue = 10, CurrentValue = random.Next(10, 50) },
                new KeyResult { Title = "Key result C", Metric = KeyResultMetric.Percent, StartValue = 20, TargetValue = 80, CurrentValue = random.Next(20, 80) },
                new KeyResult { Title = "Key result D", Metric = KeyResultMetric.Milestone, StartValue = 0, TargetValue = 1, CurrentValue = random.Next(0, 2) },
            },
        };
        var companyObjectives = Enumerable.Range(1, 5).Select(n => Make(company.Id, null, n)).ToList();
        var functionObjectives = functions.Select((f, i) => Make(f.Id, companyObjectives[i % 5], 100 + i)).ToList();
        db.Objectives.AddRange(companyObjectives);
        db.Objectives.AddRange(functionObjectives);
        db.Objectives.AddRange(Enumerable.Range(0, total - companyObjectives.Count - functionObjectives.Count)
            .Select(i => Make(teams[i % teams.Count].Id, functionObjectives[i % functionObjectives.Count], 1000 + i)));
        await db.SaveChangesAsync();
        return period.Id;
    }
}
