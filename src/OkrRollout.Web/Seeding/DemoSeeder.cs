using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Import;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Seeding;

/// <summary>
/// Loads the demo organisation from the files in seed/ into an empty database. It does nothing once
/// anybody is in the directory, so edits made in the app are never overwritten by a restart.
/// </summary>
public class DemoSeeder(AppDbContext db, PeopleImporter importer, UserManager<AppUser> users, Adoption.AdoptionSnapshotTaker snapshots, Time.OrganisationTime time, ILogger<DemoSeeder> logger)
{
    public const string SeedActor = "seed";

    /// <summary>
    /// The seed files tell the story as of this day. Loaded on another day, every date moves by the
    /// days between, so the demo tells the same story on any date: the pilot done, wave 1 under way
    /// and on track, one unit lagging, the next sessions ahead. (Moving by whole weeks kept weekdays,
    /// but then "today" fell anywhere in a week of the story, and rolling windows such as "a check-in
    /// in the last 7 days" or "tomorrow's sessions" told a different story on each weekday.)
    /// </summary>
    public static readonly DateOnly SeedsTellTheStoryAsOf = new(2026, 11, 20);

    public static int ShiftDays(DateOnly today) => today.DayNumber - SeedsTellTheStoryAsOf.DayNumber;

    /// <summary>
    /// A training session's start, moved like every date but kept off the weekend: one that had taken
    /// place moves back to the Friday, one still to come on to the Monday, so none crosses "today".
    /// </summary>
    public static DateTime SessionStart(DateTime seedStart, int shiftDays)
    {
        var start = seedStart.AddDays(shiftDays);
        var past = DateOnly.FromDateTime(seedStart) < SeedsTellTheStoryAsOf;
        return start.DayOfWeek switch
        {
            DayOfWeek.Saturday => start.AddDays(past ? -1 : 2),
            DayOfWeek.Sunday => start.AddDays(past ? -2 : 1),
            _ => start,
        };
    }

    private JsonSerializerOptions? _json;

    private DateOnly? _today;

    /// <summary>The day the demo is loaded for, read once, so a load that runs past midnight moves every date alike.</summary>
    private DateOnly Today => _today ??= time.Today;

    private int Shift => ShiftDays(Today);

    private JsonSerializerOptions Json => _json ??= new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(), new ShiftedDateConverter(Shift) },
    };

    public static string SeedDirectory => Path.Combine(AppContext.BaseDirectory, "seed");

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.People.AnyAsync(cancellationToken))
        {
            return;
        }

        // One audit entry says the demo was loaded, not one per save that loads it.
        db.AuditEntryFollows = true;
        var file = PeopleCsvReader.Read(await File.ReadAllBytesAsync(Path.Combine(SeedDirectory, "people.csv"), cancellationToken), long.MaxValue);
        var plan = await importer.ApplyAsync(file, deactivateMissing: false, SeedActor, progress: null, cancellationToken);
        if (!plan.IsValid)
        {
            throw new InvalidOperationException("seed/people.csv does not import: " + string.Join("; ", plan.Errors.Select(e => $"line {e.Line} {e.Column}: {string.Format(e.Message, e.Arguments)}")));
        }

        var people = await db.People.ToDictionaryAsync(p => p.Email, cancellationToken);
        var units = await db.OrgUnits.ToDictionaryAsync(u => u.NamePath, cancellationToken);
        var seed = await ReadAsync<ProgrammeSeed>("programme.json", cancellationToken);
        var programme = seed.ToProgramme(people);
        db.Programmes.Add(programme);
        db.UnitCoverages.AddRange(seed.ToCoverage(programme, people, units));
        db.TrainingRequests.AddRange(seed.ToTrainingRequests(programme, people, units, time.NowUtc));
        await db.SaveChangesAsync(cancellationToken);

        await SeedOkrsAsync(people, units, cancellationToken);
        await SeedTrainingAsync(programme, people, cancellationToken);
        await SeedSnapshotHistoryAsync(programme, cancellationToken);
        await SeedUsersAsync(cancellationToken);
        db.AuditEntryFollows = false;
        db.AuditEntries.Add(new AuditEntry { AtUtc = time.NowUtc, Actor = SeedActor, Action = "demo.seeded", EntityType = nameof(Programme), EntityId = programme.Id.ToString(CultureInfo.InvariantCulture), Details = $"{people.Count} people" });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Loaded the demo organisation: {People} people", people.Count);
    }

    /// <summary>
    /// A weekly snapshot history for the trends: each started wave climbing in a straight line from
    /// nothing at its start to where it stands today, so a new install's dashboard shows how the
    /// pilot went and how wave 1 is going. The nightly job adds real snapshots from then on.
    /// </summary>
    private async Task SeedSnapshotHistoryAsync(Programme programme, CancellationToken cancellationToken)
    {
        await snapshots.TakeAsync(cancellationToken);
        var today = Today;
        var now = await db.AdoptionSnapshots.AsNoTracking().Where(s => s.ProgrammeId == programme.Id && s.Date == today && s.WaveId != null).ToListAsync(cancellationToken);
        var starts = await db.Waves.Where(w => w.ProgrammeId == programme.Id).ToDictionaryAsync(w => w.Id, w => w.ActualStart, cancellationToken);
        for (var date = today.AddDays(-7); date >= programme.StartDate; date = date.AddDays(-7))
        {
            var rows = now.Select(w =>
            {
                var share = starts[w.WaveId!.Value] is { } start && date > start ? (double)(date.DayNumber - start.DayNumber) / Math.Max(1, today.DayNumber - start.DayNumber) : 0;
                int Then(int count) => (int)Math.Round(count * share);
                return new AdoptionSnapshot
                {
                    Date = date, ProgrammeId = programme.Id, WaveId = w.WaveId, Members = w.Members,
                    Invited = Then(w.Invited), Trained = Then(w.Trained), Drafting = Then(w.Drafting), Aligned = Then(w.Aligned), Practising = Then(w.Practising),
                };
            }).ToList();
            db.AdoptionSnapshots.AddRange(rows);
            db.AdoptionSnapshots.Add(new AdoptionSnapshot
            {
                Date = date, ProgrammeId = programme.Id, Members = rows.Sum(r => r.Members), Invited = rows.Sum(r => r.Invited), Trained = rows.Sum(r => r.Trained),
                Drafting = rows.Sum(r => r.Drafting), Aligned = rows.Sum(r => r.Aligned), Practising = rows.Sum(r => r.Practising),
            });
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task SeedUsersAsync(CancellationToken cancellationToken)
    {
        var seed = await ReadAsync<DemoUsersSeed>("demo-users.json", cancellationToken);
        foreach (var demoUser in seed.Users)
        {
            if (await users.FindByEmailAsync(demoUser.Email) is not null)
            {
                continue;
            }
            var user = AppUser.For(demoUser.Email);
            var result = await users.CreateAsync(user, seed.Password);
            if (result.Succeeded)
            {
                result = await users.AddToRoleAsync(user, demoUser.Role);
            }
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Demo user {demoUser.Email}: " + string.Join("; ", result.Errors.Select(e => e.Description)));
            }
        }
    }

    private async Task SeedOkrsAsync(Dictionary<string, Person> people, Dictionary<string, OrgUnit> units, CancellationToken cancellationToken)
    {
        var seed = await ReadAsync<OkrSeed>("okrs.json", cancellationToken);
        var periods = new Dictionary<string, Period>();
        foreach (var cycleSeed in seed.Cycles)
        {
            var cycle = new Cycle { Name = cycleSeed.Name, StartDate = cycleSeed.Start, EndDate = cycleSeed.End };
            foreach (var periodSeed in cycleSeed.Periods)
            {
                var period = new Period { Cycle = cycle, Name = periodSeed.Name, StartDate = periodSeed.Start, EndDate = periodSeed.End };
                cycle.Periods.Add(period);
                periods[periodSeed.Key] = period;
            }
            db.Cycles.Add(cycle);
        }
        var objectives = new Dictionary<string, Objective>();
        foreach (var objectiveSeed in seed.Objectives)
        {
            var objective = new Objective
            {
                Period = periods[objectiveSeed.Period],
                Unit = units[objectiveSeed.Unit],
                Title = objectiveSeed.Title,
                Why = objectiveSeed.Why,
                Owner = people[objectiveSeed.Owner],
                Status = objectiveSeed.Status,
                Parent = objectiveSeed.Parent is null ? null : objectives[objectiveSeed.Parent],
            };
            foreach (var keyResultSeed in objectiveSeed.KeyResults)
            {
                var keyResult = new KeyResult
                {
                    Title = keyResultSeed.Title,
                    Metric = keyResultSeed.Metric,
                    StartValue = keyResultSeed.Start,
                    TargetValue = keyResultSeed.Target,
                    CurrentValue = keyResultSeed.Current,
                    UnitLabel = keyResultSeed.UnitLabel,
                    Owner = people[keyResultSeed.Owner],
                };
                keyResult.CheckIns.AddRange(keyResultSeed.CheckIns.Select(c => new CheckIn
                {
                    Date = c.Date,
                    Value = c.Value,
                    Confidence = c.Confidence,
                    Note = c.Note,
                    Person = people[keyResultSeed.Owner],
                    CreatedAtUtc = c.Date.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc),
                }));
                objective.KeyResults.Add(keyResult);
            }
            objectives[objectiveSeed.Key] = objective;
            db.Objectives.Add(objective);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task SeedTrainingAsync(Programme programme, Dictionary<string, Person> people, CancellationToken cancellationToken)
    {
        var seed = await ReadAsync<TrainingSeed>("training.json", cancellationToken);
        var groups = await db.RolloutGroups.Where(g => g.Wave.ProgrammeId == programme.Id).ToDictionaryAsync(g => g.Name, cancellationToken);
        var members = await db.WaveMembers.Where(m => m.ProgrammeId == programme.Id && m.RolloutGroupId != null)
            .Select(m => new { m.RolloutGroupId, m.PersonId }).ToListAsync(cancellationToken);
        foreach (var item in seed.Sessions)
        {
            var start = time.ToUtc(SessionStart(item.Start, Shift));
            var group = item.Group is null ? null : groups[item.Group];
            var session = new TrainingSession
            {
                ProgrammeId = programme.Id,
                Kind = item.Kind,
                Language = item.Language,
                Mode = item.Mode,
                Room = item.Room ?? "",
                Link = item.Link ?? "",
                StartUtc = start,
                DurationMinutes = item.Duration,
                Capacity = item.Capacity,
                RolloutGroupId = group?.Id,
                WaveId = group?.WaveId,
            };
            session.Trainers.AddRange(item.Trainers.Select(t => new SessionTrainer { PersonId = people[t].Id }));
            if (item.Enroll is { } enroll)
            {
                var ids = members.Where(m => m.RolloutGroupId == groups[enroll.Group].Id).Select(m => m.PersonId);
                var overrides = (item.Overrides ?? []).ToDictionary(o => people[o.Key].Id, o => o.Value);
                session.Enrollments.AddRange(ids.Select(id => new Enrollment
                {
                    PersonId = id,
                    State = overrides.GetValueOrDefault(id, enroll.State),
                    CreatedAtUtc = start.AddDays(-14),
                    ChangedAtUtc = start.AddDays(-7),
                    ResponseTokenHash = "",
                }));
            }
            db.TrainingSessions.Add(session);
            await db.SaveChangesAsync(cancellationToken);
            db.SessionFeedback.AddRange((item.Feedback ?? []).Select(f => new SessionFeedback
            {
                SessionId = session.Id,
                PersonId = people[f.Person].Id,
                Score = f.Score,
                Comment = f.Comment,
                CreatedAtUtc = start.AddDays(1),
            }));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record TrainingSeed(List<SessionSeed> Sessions);

    private sealed record SessionSeed(
        SessionKind Kind, Language Language, SessionMode Mode, string? Room, string? Link, DateTime Start, int Duration, int Capacity, List<string> Trainers,
        string? Group, EnrollSeed? Enroll, Dictionary<string, EnrollmentState>? Overrides, List<FeedbackSeed>? Feedback);

    private sealed record EnrollSeed(string Group, EnrollmentState State);

    private sealed record FeedbackSeed(string Person, int Score, string Comment);

    private sealed record OkrSeed(List<CycleSeed> Cycles, List<ObjectiveSeed> Objectives);

    private sealed record CycleSeed(string Name, DateOnly Start, DateOnly End, List<PeriodSeed> Periods);

    private sealed record PeriodSeed(string Key, string Name, DateOnly Start, DateOnly End);

    private sealed record ObjectiveSeed(string Key, string Period, string Unit, string Title, string Why, string Owner, ObjectiveStatus Status, string? Parent, List<KeyResultSeed> KeyResults);

    private sealed record KeyResultSeed(string Title, KeyResultMetric Metric, double Start, double? Target, double Current, string UnitLabel, string Owner, List<CheckInSeed> CheckIns);

    private sealed record CheckInSeed(DateOnly Date, double Value, int Confidence, string Note);

    private async Task<T> ReadAsync<T>(string fileName, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(Path.Combine(SeedDirectory, fileName));
        return await JsonSerializer.DeserializeAsync<T>(stream, Json, cancellationToken)
            ?? throw new InvalidOperationException($"seed/{fileName} is empty");
    }

    private sealed record DemoUsersSeed(string Password, List<DemoUserSeed> Users);

    private sealed record DemoUserSeed(string Email, string Role);

    private sealed record RoleSeed(string Person, ProgrammeRoleKind Role, string? HelpsWith);

    private sealed record CoverageSeed(string Person, string Unit);

    private sealed record TrainingRequestSeed(string RequestedBy, string Unit, Language Language, string Message, TrainingRequestStatus Status, string? DeclineReason);

    private sealed record GroupSeed(string Name, string? Facilitator, List<string> Members);

    private sealed record WaveSeed(
        string Name, WaveKind Kind, string Description, DateOnly PlannedStart, DateOnly PlannedEnd, DateOnly? ActualStart, DateOnly? ActualEnd,
        string ExitMilestone, DateOnly? MilestoneTargetDate, List<GroupSeed> Groups, bool EveryoneElse,
        MilestoneCriterion MilestoneCriterion = MilestoneCriterion.None, int MilestoneThreshold = 80);

    private sealed record ProgrammeSeed(
        string Name, string Why, string? WhyFi, RolloutApproach Approach, string? Sponsor, DateOnly StartDate, DateOnly TargetDate, List<RoleSeed> Roles, List<WaveSeed> Waves,
        List<CoverageSeed> Coverage, List<TrainingRequestSeed> TrainingRequests)
    {
        public IEnumerable<UnitCoverage> ToCoverage(Programme programme, Dictionary<string, Person> people, Dictionary<string, OrgUnit> units) =>
            Coverage.Select(c => new UnitCoverage { Programme = programme, Person = people[c.Person], Unit = units[c.Unit] });

        public IEnumerable<TrainingRequest> ToTrainingRequests(Programme programme, Dictionary<string, Person> people, Dictionary<string, OrgUnit> units, DateTime now) =>
            TrainingRequests.Select((r, i) => new TrainingRequest
            {
                Programme = programme,
                RequestedBy = people[r.RequestedBy],
                Unit = units[r.Unit],
                Language = r.Language,
                Message = r.Message,
                Status = r.Status,
                DeclineReason = r.DeclineReason,
                CreatedAtUtc = now.AddDays(-7 + i),
                DecidedBy = r.Status == TrainingRequestStatus.Open ? null : SeedActor,
                DecidedAtUtc = r.Status == TrainingRequestStatus.Open ? null : now.AddDays(-1),
            });

        public Programme ToProgramme(Dictionary<string, Person> people)
        {
            var programme = new Programme
            {
                Name = Name,
                Why = Why,
                WhyFi = WhyFi ?? "",
                Approach = Approach,
                Sponsor = Sponsor is null ? null : people[Sponsor],
                StartDate = StartDate,
                TargetDate = TargetDate,
            };
            programme.Roles.AddRange(Roles.Select(r => new ProgrammeRole { Programme = programme, Person = people[r.Person], Role = r.Role, HelpsWith = r.HelpsWith ?? "" }));

            var placed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (seed, order) in Waves.Select((w, i) => (w, i + 1)))
            {
                var wave = new Wave
                {
                    Programme = programme,
                    Order = order,
                    Name = seed.Name,
                    Kind = seed.Kind,
                    Description = seed.Description,
                    PlannedStart = seed.PlannedStart,
                    PlannedEnd = seed.PlannedEnd,
                    ActualStart = seed.ActualStart,
                    ActualEnd = seed.ActualEnd,
                    ExitMilestone = seed.ExitMilestone,
                    MilestoneTargetDate = seed.MilestoneTargetDate,
                    MilestoneCriterion = seed.MilestoneCriterion,
                    MilestoneThreshold = seed.MilestoneThreshold,
                };
                foreach (var groupSeed in seed.Groups)
                {
                    var group = new RolloutGroup { Wave = wave, Name = groupSeed.Name, Facilitator = groupSeed.Facilitator is null ? null : people[groupSeed.Facilitator] };
                    wave.Groups.Add(group);
                    foreach (var email in groupSeed.Members.Where(placed.Add))
                    {
                        wave.Members.Add(new WaveMember { Programme = programme, Wave = wave, Person = people[email], RolloutGroup = group });
                    }
                }
                if (seed.EveryoneElse)
                {
                    foreach (var person in people.Values.Where(p => p.IsActive && placed.Add(p.Email)))
                    {
                        wave.Members.Add(new WaveMember { Programme = programme, Wave = wave, Person = person });
                    }
                }
                programme.Waves.Add(wave);
            }
            return programme;
        }
    }
}

internal sealed class ShiftedDateConverter(int days) : JsonConverter<DateOnly>
{
    public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateOnly.ParseExact(reader.GetString()!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).AddDays(days);

    public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) => throw new NotSupportedException();
}
