using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Data;
using OkrRollout.Web.Import;

namespace OkrRollout.Benchmarks;

/// <summary>
/// The people list and its filters over a large directory: the demo organisation plus N generated
/// people in a SQLite file, requests served in-process (no network), latencies per scenario.
/// </summary>
public static class PeopleListBenchmark
{
    public static async Task<int> RunAsync(int people, int requests)
    {
        using var directory = new BenchmarkDirectory();
        await using var app = new BenchmarkApp(directory.Database("bench.db"));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Console.WriteLine($"Importing {people:N0} generated people…");
            var importer = scope.ServiceProvider.GetRequiredService<PeopleImporter>();
            await importer.ApplyAsync(PeopleCsvReader.Read(PeopleGenerator.Csv(people), long.MaxValue), false, "benchmark", null, CancellationToken.None);
        }
        var (divisionId, teamId, total) = await app.WithDbAsync(async db => (
            await db.OrgUnits.Where(u => u.NamePath == "Megacorp/Research").Select(u => u.Id).SingleAsync(),
            await db.OrgUnits.Where(u => u.NamePath.StartsWith("Megacorp/Services/")).OrderBy(u => u.Id).Select(u => u.Id).LastAsync(),
            await db.People.CountAsync()));
        Console.WriteLine($"People in the directory: {total:N0}");

        using var client = await Latency.SignInAsync(app, "emma.laine@aurora-telematics.example");
        var scenarios = new (string Name, string Url, bool Htmx)[]
        {
            ("first page, no filter", "/People", false),
            ("htmx: text 'virtanen'", "/People?q=virtanen", true),
            ("htmx: division incl. sub-units", $"/People?unit={divisionId}", true),
            ("htmx: one team", $"/People?unit={teamId}", true),
            ("htmx: leads, English", "/People?lead=true&language=En", true),
            ("htmx: page 1,000", "/People?pageNumber=1000", true),
            ("htmx: no match", "/People?q=zzzz-nobody", true),
        };

        Console.WriteLine();
        Console.WriteLine($"{requests} requests per scenario, one at a time, after 20 warm-up requests");
        Console.WriteLine();
        Console.WriteLine("| scenario | p50 | p95 | max |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (name, url, htmx) in scenarios)
        {
            var result = await Latency.MeasureAsync(() => Latency.GetAsync(client, url, htmx), requests);
            Console.WriteLine($"| {name} | {result.P50:F1} ms | {result.P95:F1} ms | {result.Max:F1} ms |");
        }
        return 0;
    }
}
