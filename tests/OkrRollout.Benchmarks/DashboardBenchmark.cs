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
/// The leadership dashboard over a generated organisation: everyone in one wave, each person
/// enrolled in a core session (two in three attended, the rest no-shows), then the page measured
/// for one signed-in ambassador, sequentially and in-process. The load under 50 connections is
/// measured by load/load.sh against the app as its own process.
/// </summary>
public static class DashboardBenchmark
{
    public static async Task<int> RunAsync(int people, int requests)
    {
        using var directory = new BenchmarkDirectory();
        await using var app = new BenchmarkApp(directory.Database("bench.db"));
        var actor = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "benchmark")], "benchmark"));
        int programmeId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await scope.ServiceProvider.GetRequiredService<PeopleImporter>().ApplyAsync(PeopleCsvReader.Read(PeopleGenerator.Csv(people), long.MaxValue), false, "benchmark", null, CancellationToken.None);
            var programme = new Programme { Name = "Benchmark", StartDate = new(2026, 1, 1), TargetDate = new(2027, 12, 31) };
            var wave = new Wave { Programme = programme, Name = "Everyone", Kind = WaveKind.Wave, Order = 1, PlannedStart = new(2026, 1, 1), PlannedEnd = new(2027, 3, 1), ActualStart = new(2026, 1, 1), MilestoneCriterion = MilestoneCriterion.ShareTrained };
            var session = new TrainingSession { Programme = programme, Kind = SessionKind.OkrBasics, Language = Language.En, Mode = SessionMode.InPerson, Room = "Hall", StartUtc = DateTime.UtcNow.AddDays(-3), DurationMinutes = 90, Capacity = people };
            db.Waves.Add(wave);
            db.TrainingSessions.Add(session);
            await db.SaveChangesAsync();
            programmeId = programme.Id;
            var root = await db.OrgUnits.Where(u => u.NamePath == "Megacorp").Select(u => u.Id).SingleAsync();
            await scope.ServiceProvider.GetRequiredService<WaveMembership>().AddAsync(wave, new WaveSelection(root, false, []), actor, CancellationToken.None);
            var ids = await db.People.Where(p => p.Email.EndsWith("@megacorp.example")).Select(p => p.Id).ToListAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Enrollments.AddRange(ids.Select((p, i) => new Enrollment { SessionId = session.Id, PersonId = p, State = i % 3 == 2 ? EnrollmentState.NoShow : EnrollmentState.Attended, ResponseTokenHash = "" }));
            await db.SaveChangesAsync();
        }
        var (members, enrollments) = await app.WithDbAsync(async db => (await db.WaveMembers.CountAsync(), await db.Enrollments.CountAsync()));

        using var client = await Latency.SignInAsync(app, "kaisa.virtanen@aurora-telematics.example");
        var url = $"/Dashboard?programmeId={programmeId}";
        var memory = Process.GetCurrentProcess();
        var result = await Latency.MeasureAsync(() => Latency.GetAsync(client, url), requests, warmUp: 3);
        memory.Refresh();
        Console.WriteLine();
        Console.WriteLine("| measurement | result |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| dashboard, {members:N0} wave members, {enrollments:N0} enrollments, {requests} sequential requests | p50 {result.P50:F1} ms, **p95 {result.P95:F1} ms**, max {result.Max:F1} ms |");
        Console.WriteLine($"| process working set after the run (app and benchmark in one process) | {memory.WorkingSet64 / 1024 / 1024:N0} MB |");
        return 0;
    }
}
