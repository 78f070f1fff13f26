using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Adoption;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Pages.Dashboard;

namespace OkrRollout.Benchmarks;

/// <summary>
/// On a generated organisation (generate-organisation): how long deriving every roll-up takes, and
/// how long bringing them up to date takes after one team's facts changed (what a check-in or
/// attendance costs the next reader). Works on a copy, so the generated file stays as it was.
/// </summary>
public static class RollupBenchmark
{
    public static async Task<int> RunAsync(string databasePath, int changes)
    {
        using var directory = new BenchmarkDirectory();
        var copy = directory.File("copy.db");
        File.Copy(Path.GetFullPath(databasePath), copy);
        await using var app = new BenchmarkApp(copy, new() { ["Seed:Demo"] = "false", ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = Environment.GetEnvironmentVariable("ROLLUP_SQL_LOG") ?? "Warning" });
        var units = await app.WithDbAsync(db => db.StageRollups.Select(r => r.UnitId).Distinct().ToListAsync());
        var random = new Random(7);

        var full = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            full.Add(await TimeAsync(app, rollups => rollups.RefreshAsync(everything: true, CancellationToken.None)));
        }
        var memory = Process.GetCurrentProcess();
        var one = new List<double>();
        for (var i = 0; i < changes; i++)
        {
            await app.WithDbAsync(async db =>
            {
                db.StageFactChanges.Add(new StageFactChange { UnitId = units[random.Next(units.Count)] });
                return await db.SaveChangesAsync();
            });
            one.Add(await TimeAsync(app, rollups => rollups.EnsureFreshAsync(CancellationToken.None)));
        }
        one.Sort();
        var programmeId = await app.WithDbAsync(db => db.StageRollups.GroupBy(r => r.ProgrammeId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync());
        var builds = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var watch = Stopwatch.StartNew();
            await DashboardFigures.BuildAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider.GetRequiredService<Web.Time.OrganisationTime>(), programmeId, i, DateOnly.FromDateTime(DateTime.Now), CancellationToken.None);
            builds.Add(watch.Elapsed.TotalMilliseconds);
        }
        builds.Sort();
        memory.Refresh();
        Console.WriteLine();
        Console.WriteLine("| roll-ups | result |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| derive everything ({units.Count:N0} units), 3 runs | {string.Join(" / ", full.Select(f => $"{f:F0} ms"))} |");
        Console.WriteLine($"| one team changed, next reader brings them up to date, {changes} runs | p50 {one[one.Count / 2]:F1} ms, p95 {one[(int)(one.Count * 0.95)]:F1} ms |");
        Console.WriteLine($"| the dashboard's figures built from the roll-ups (after any change), 20 runs | p50 {builds[10]:F1} ms, p95 {builds[18]:F1} ms |");
        Console.WriteLine($"| benchmark process peak working set | {memory.PeakWorkingSet64 / 1024 / 1024:N0} MB |");
        return 0;
    }

    private static async Task<double> TimeAsync(BenchmarkApp app, Func<StageRollupRefresher, Task<long>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var watch = Stopwatch.StartNew();
        await action(scope.ServiceProvider.GetRequiredService<StageRollupRefresher>());
        return watch.Elapsed.TotalMilliseconds;
    }
}
