using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Import;
using OkrRollout.Web.Rollout;

namespace OkrRollout.Benchmarks;

/// <summary>
/// The wave page of a wave of N members split into groups of 12, as an ambassador sees it: the bytes
/// of HTML, its form fields, and latencies for the first page, a later page and a search.
/// </summary>
public static class WavePageBenchmark
{
    public const int LimitBytes = 200 * 1024;

    public static async Task<int> RunAsync(int members, int requests)
    {
        using var directory = new BenchmarkDirectory();
        await using var app = new BenchmarkApp(directory.Database("bench.db"));
        int waveId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Console.WriteLine($"Importing {members:N0} generated people…");
            await scope.ServiceProvider.GetRequiredService<PeopleImporter>()
                .ApplyAsync(PeopleCsvReader.Read(PeopleGenerator.Csv(members), long.MaxValue), false, "benchmark", null, CancellationToken.None);
            var db = scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>();
            var programme = new Programme { Name = "Benchmark programme", StartDate = new(2027, 1, 1), TargetDate = new(2027, 12, 31) };
            var wave = new Wave { Programme = programme, Name = "Big wave", Kind = WaveKind.Wave, Order = 1, PlannedStart = new(2027, 1, 1), PlannedEnd = new(2027, 3, 1) };
            db.Waves.AddRange(wave, new Wave { Programme = programme, Name = "Next wave", Kind = WaveKind.Wave, Order = 2, PlannedStart = new(2027, 3, 1), PlannedEnd = new(2027, 5, 1) });
            await db.SaveChangesAsync();
            var root = await db.OrgUnits.Where(u => u.NamePath == "Megacorp").Select(u => u.Id).SingleAsync();
            var actor = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "benchmark")], "benchmark"));
            var membership = scope.ServiceProvider.GetRequiredService<WaveMembership>();
            var added = await membership.AddAsync(wave, new WaveSelection(root, false, []), actor, CancellationToken.None);
            await membership.SplitIntoGroupsAsync(wave, 12, "Group", actor, CancellationToken.None);
            waveId = wave.Id;
            Console.WriteLine($"Wave members: {added.Added:N0}; groups: {await db.RolloutGroups.CountAsync(g => g.WaveId == wave.Id):N0}");
        }

        using var client = await Latency.SignInAsync(app, "ville.koskinen@aurora-telematics.example");
        var scenarios = new (string Name, string Url, bool Htmx)[]
        {
            ("whole page, first 50 members", $"/Waves/Details/{waveId}", false),
            ("whole page, page 60", $"/Waves/Details/{waveId}?List.PageNumber=60", false),
            ("search 'virtanen' (htmx list only)", $"/Waves/Details/{waveId}?List.Q=virtanen", true),
            ("one group (htmx list only)", $"/Waves/Details/{waveId}?List.Group=" + await app.WithDbAsync(db => db.RolloutGroups.Where(g => g.WaveId == waveId).OrderBy(g => g.Id).Select(g => g.Id).FirstAsync()), true),
        };

        Console.WriteLine();
        Console.WriteLine($"{requests} requests per scenario, one at a time, after 20 warm-up requests; limit {LimitBytes / 1024} KB");
        Console.WriteLine();
        Console.WriteLine("| scenario | HTML | `<option>`s | antiforgery fields | p50 | p95 |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var over = false;
        foreach (var (name, url, htmx) in scenarios)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (htmx)
            {
                request.Headers.Add("HX-Request", "true");
                request.Headers.Add("HX-Target", "wave-members");
            }
            using var response = await client.SendAsync(request);
            var html = await response.Content.ReadAsStringAsync();
            var bytes = System.Text.Encoding.UTF8.GetByteCount(html);
            over |= bytes > LimitBytes;
            var result = await Latency.MeasureAsync(() => Latency.GetAsync(client, url, htmx), requests);
            Console.WriteLine($"| {name} | {bytes / 1024.0:F1} KB | {Count(html, "<option")} | {Count(html, "__RequestVerificationToken")} | {result.P50:F1} ms | {result.P95:F1} ms |");
        }
        if (over)
        {
            Console.Error.WriteLine($"A page is over {LimitBytes / 1024} KB.");
            return 1;
        }
        return 0;
    }

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
