using System.Diagnostics;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Import;
using OkrRollout.Web.Rollout;
using OkrRollout.Web.Training;

namespace OkrRollout.Benchmarks;

/// <summary>
/// Inviting a whole wave to a session (an enrollment, a personal link, a rendered e-mail and a
/// calendar event per person, in one transaction), then rendering a 500-person roster page.
/// </summary>
public static partial class TrainingBenchmark
{
    public static async Task<int> RunAsync(int wave, int roster, int requests)
    {
        using var directory = new BenchmarkDirectory();
        await using var app = new BenchmarkApp(directory.Database("bench.db"));
        var actor = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "benchmark")], "benchmark"));
        int sessionId, rosterSessionId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await scope.ServiceProvider.GetRequiredService<PeopleImporter>().ApplyAsync(PeopleCsvReader.Read(PeopleGenerator.Csv(wave), long.MaxValue), false, "benchmark", null, CancellationToken.None);
            var programme = new Programme { Name = "Benchmark", StartDate = new(2027, 1, 1), TargetDate = new(2027, 12, 31) };
            var waveEntity = new Wave { Programme = programme, Name = "Everyone", Kind = WaveKind.Wave, Order = 1, PlannedStart = new(2027, 1, 1), PlannedEnd = new(2027, 3, 1) };
            db.Waves.Add(waveEntity);
            var session = new TrainingSession { Programme = programme, Kind = SessionKind.OkrBasics, Language = Language.Fi, Mode = SessionMode.Online, Link = "https://meet.example.com/b", StartUtc = DateTime.UtcNow.AddDays(10), DurationMinutes = 90, Capacity = wave };
            var rosterSession = new TrainingSession { Programme = programme, Kind = SessionKind.OkrBasics, Language = Language.En, Mode = SessionMode.InPerson, Room = "Hall", StartUtc = DateTime.UtcNow.AddMinutes(-30), DurationMinutes = 90, Capacity = roster };
            db.TrainingSessions.AddRange(session, rosterSession);
            await db.SaveChangesAsync();
            var root = await db.OrgUnits.Where(u => u.NamePath == "Megacorp").Select(u => u.Id).SingleAsync();
            await scope.ServiceProvider.GetRequiredService<WaveMembership>().AddAsync(waveEntity, new WaveSelection(root, false, []), actor, CancellationToken.None);
            (sessionId, rosterSessionId) = (session.Id, rosterSession.Id);
            var rosterPeople = await db.People.Where(p => p.Email.EndsWith("@megacorp.example")).OrderBy(p => p.Id).Take(roster).Select(p => p.Id).ToListAsync();
            db.Enrollments.AddRange(rosterPeople.Select((p, i) => new Enrollment { SessionId = rosterSession.Id, PersonId = p, State = i % 3 == 0 ? EnrollmentState.Attended : EnrollmentState.Registered, ResponseTokenHash = "" }));
            await db.SaveChangesAsync();
        }

        var members = await app.WithDbAsync(db => db.WaveMembers.Where(m => m.Wave.Name == "Everyone").Select(m => m.PersonId).ToListAsync());
        TimeSpan inviteTime;
        int invited;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var watch = Stopwatch.StartNew();
            invited = await scope.ServiceProvider.GetRequiredService<SessionRoster>().InviteAsync(sessionId, members, actor, CancellationToken.None);
            inviteTime = watch.Elapsed;
        }
        Console.WriteLine();
        Console.WriteLine("| measurement | result |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| invite a wave of {invited:N0} (enrollments, links, rendered e-mails with calendar events, one transaction) | **{inviteTime.TotalSeconds:F2} s** |");

        using var client = await Latency.SignInAsync(app, "kaisa.virtanen@aurora-telematics.example");
        var url = $"/Training/Sessions/Details/{rosterSessionId}";
        var rows = RosterRow().Matches(await client.GetStringAsync(url)).Count;
        var result = await Latency.MeasureAsync(() => Latency.GetAsync(client, url), requests, warmUp: 10);
        Console.WriteLine($"| session page with a roster of {rows} people, {requests} requests | p50 {result.P50:F1} ms, **p95 {result.P95:F1} ms**, max {result.Max:F1} ms |");
        return 0;
    }

    [GeneratedRegex("<tr id=\"roster-")]
    private static partial Regex RosterRow();
}
