using Microsoft.EntityFrameworkCore;

namespace OkrRollout.Benchmarks;

/// <summary>
/// The audit page (/Admin/Audit) over N generated audit entries (default a million: 1,000 actors,
/// 20 actions, 10 kinds of record, about one entry a minute for two years, each about one of the
/// demo's people) in a SQLite file; requests served in-process, latencies per filter.
/// </summary>
public static class AuditPageBenchmark
{
    public static async Task<int> RunAsync(int entries, int requests)
    {
        using var directory = new BenchmarkDirectory();
        await using var app = new BenchmarkApp(directory.Database("bench.db"));
        var (people, firstPerson) = await app.WithDbAsync(async db => (await db.People.CountAsync(), await db.People.MinAsync(p => p.Id)));
        Console.WriteLine($"Generating {entries:N0} audit entries…");
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO "AuditEntries" ("AtUtc", "Actor", "Action", "EntityType", "EntityId", "Details", "AffectedPersonId")
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {entries})
            SELECT strftime('%Y-%m-%d %H:%M:%S', '2025-01-01', '+' || i || ' minutes'), 'actor' || (i % 1000) || '@example.com',
                'action' || (i % 20) || '.done', 'Entity' || (i % 10), i, 'generated entry ' || i, {firstPerson} + (i % {people})
            FROM n
            """));
        var (total, person, middle) = await app.WithDbAsync(async db => (
            await db.AuditEntries.CountAsync(),
            await db.People.Where(p => p.Id == firstPerson + 7).Select(p => p.Email).SingleAsync(),
            await db.AuditEntries.OrderBy(a => a.Id).Skip(entries / 2).Select(a => a.Id).FirstAsync()));
        Console.WriteLine($"Audit entries: {total:N0}");

        using var client = await Latency.SignInAsync(app, "ville.koskinen@aurora-telematics.example");
        var escaped = Uri.EscapeDataString(person);
        var scenarios = new (string Name, string Url)[]
        {
            ("first page, no filter", "/Admin/Audit"),
            ("one actor", "/Admin/Audit?actor=actor517%40example.com"),
            ("about one person", $"/Admin/Audit?person={escaped}"),
            ("one kind of record", "/Admin/Audit?entity=Entity3"),
            ("one action", "/Admin/Audit?action=action7.done"),
            ("a family of actions (prefix)", "/Admin/Audit?action=action7."),
            ("one month", "/Admin/Audit?from=2026-01-01&to=2026-01-31"),
            ("half-way back (keyset page)", $"/Admin/Audit?before={middle}"),
            ("one actor and one month", "/Admin/Audit?actor=actor517%40example.com&from=2026-01-01&to=2026-01-31"),
            ("CSV of one actor (1,000 rows)", "/Admin/Audit?handler=Csv&actor=actor517%40example.com"),
        };

        Console.WriteLine();
        Console.WriteLine($"{requests} requests per scenario, one at a time, after 20 warm-up requests");
        Console.WriteLine();
        Console.WriteLine("| scenario | p50 | p95 | max |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (name, url) in scenarios)
        {
            var result = await Latency.MeasureAsync(() => Latency.GetAsync(client, url, false), requests);
            Console.WriteLine($"| {name} | {result.P50:F1} ms | {result.P95:F1} ms | {result.Max:F1} ms |");
        }
        return 0;
    }
}
