using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Import;

namespace OkrRollout.Benchmarks;

/// <summary>
/// The users and roles page (and the home page's agenda, which counts sign-ins the same way) over a large directory: the demo organisation plus N generated people,
/// a third of whom have signed in by link, in a SQLite file; requests served in-process, latencies per filter.
/// </summary>
public static class UsersPageBenchmark
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
        // Sign-ins made directly: creating tens of thousands through Identity would take longer than the benchmark.
        var signedIn = await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "SecurityStamp", "ConcurrencyStamp",
                "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "LastSignInAtUtc", "LastSignInMethod")
            SELECT lower(hex(randomblob(16))), p."Email", upper(p."Email"), p."Email", upper(p."Email"), 1, hex(randomblob(16)), hex(randomblob(16)),
                0, 0, 1, 0, '2026-11-20 08:00:00', 'link'
            FROM "People" p WHERE p."Id" % 3 = 0 AND NOT EXISTS (SELECT 1 FROM "AspNetUsers" u WHERE u."Email" = p."Email")
            """));
        var (divisionId, total) = await app.WithDbAsync(async db => (
            await db.OrgUnits.Where(u => u.NamePath == "Megacorp/Research").Select(u => u.Id).SingleAsync(),
            await db.People.CountAsync()));
        Console.WriteLine($"People in the directory: {total:N0}; signed in by link: {signedIn:N0}");

        using var client = await Latency.SignInAsync(app, "ville.koskinen@aurora-telematics.example");
        var scenarios = new (string Name, string Url)[]
        {
            ("first page, no filter", "/Users"),
            ("text 'virtanen'", "/Users?q=virtanen"),
            ("division incl. sub-units", $"/Users?unit={divisionId}"),
            ("never signed in", "/Users?signIn=NeverSignedIn"),
            ("signed in by link, page 100", "/Users?signIn=Link&pageNumber=100"),
            ("role Leader (granted or from the team)", "/Users?role=Leader"),
            ("page 1,000", "/Users?pageNumber=1000"),
            ("home: the ambassador's agenda", "/"),
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
