using System.Diagnostics;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Import;
using OkrRollout.Web.Rollout;

namespace OkrRollout.Benchmarks;

/// <summary>
/// Assigning a whole division to a wave by unit, as the wave page does, on a SQLite file with a
/// large generated organisation (six divisions: 120,000 people gives 20,000 per division).
/// </summary>
public static class WaveAssignBenchmark
{
    public static async Task<int> RunAsync(int people, int runs)
    {
        using var directory = new BenchmarkDirectory();
        await using var services = ImportBenchmark.Services(directory.Database("bench.db"));
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.MigrateAsync();
            Console.WriteLine($"Importing {people:N0} generated people…");
            await new PeopleImporter(db).ApplyAsync(PeopleCsvReader.Read(PeopleGenerator.Csv(people), long.MaxValue), false, "benchmark", null, CancellationToken.None);
        }

        var actor = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "benchmark")], "benchmark"));
        Console.WriteLine();
        Console.WriteLine("| run | division | people added | time |");
        Console.WriteLine("|---|---|---|---|");
        var divisions = new[] { "Research", "Services", "Operations", "Technology", "Customer", "Corporate" };
        for (var run = 1; run <= runs; run++)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var programme = new Programme { Name = $"Programme {run}", StartDate = new(2027, 1, 1), TargetDate = new(2027, 12, 31) };
            var wave = new Wave { Programme = programme, Name = "Wave 1", Kind = WaveKind.Wave, Order = 1, PlannedStart = new(2027, 1, 1), PlannedEnd = new(2027, 3, 1) };
            db.Waves.Add(wave);
            await db.SaveChangesAsync();
            var division = divisions[(run - 1) % divisions.Length];
            var unitId = await db.OrgUnits.Where(u => u.NamePath == "Megacorp/" + division).Select(u => u.Id).SingleAsync();

            var watch = Stopwatch.StartNew();
            var result = await scope.ServiceProvider.GetRequiredService<WaveMembership>()
                .AddAsync(wave, new WaveSelection(unitId, LeadsOnly: false, []), actor, CancellationToken.None);
            var elapsed = watch.Elapsed;

            var stored = await db.WaveMembers.CountAsync(m => m.WaveId == wave.Id);
            if (stored != result.Added)
            {
                throw new InvalidOperationException($"stored {stored}, reported {result.Added}");
            }
            Console.WriteLine($"| {run} | {division} | {result.Added:N0} | **{elapsed.TotalSeconds:F2} s** |");
        }
        return 0;
    }
}
