using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Adoption;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Import;

namespace OkrRollout.Benchmarks;

/// <summary>How big the generated organisation is; <see cref="Full"/> is the size the dashboard and scale-out targets name.</summary>
public sealed record OrganisationSize(int People, int TeamSize, int Waves, int Sessions, int Enrollments, int Objectives, int KeyResultsPerObjective, int CheckIns, int SnapshotDays)
{
    public static readonly OrganisationSize Full = new(100_000, 50, 10, 5_000, 2_000_000, 20_000, 4, 1_000_000, 365);

    /// <summary>The full shape scaled down by <paramref name="divisor"/>, for a quick run.</summary>
    public OrganisationSize Scaled(int divisor) => divisor <= 1 ? this
        : new(People / divisor, TeamSize, Waves, Math.Max(50, Sessions / divisor), Enrollments / divisor, Objectives / divisor, KeyResultsPerObjective, CheckIns / divisor, SnapshotDays);
}

/// <summary>
/// Loads a large fictional organisation beside the demo: people from <see cref="PeopleGenerator"/>
/// through the real importer, then a programme with a pilot and waves, rollout groups, sessions,
/// enrollments, objectives (teams' aligned to their function's, the function's to the division's, the
/// division's to the company's), key results, check-ins and a year of nightly snapshots — written with
/// prepared inserts, then every roll-up derived once. Deterministic; the demo's periods are used, so
/// the current period holds part of the objectives.
/// </summary>
public static class OrganisationGenerator
{
    /// <param name="RosterSessionId">A session with <see cref="RosterSize"/> people enrolled (the others have about enrollments/sessions).</param>
    /// <param name="PersonId">A wave member, for the person page.</param>
    public sealed record Result(int ProgrammeId, int People, int Enrollments, int CheckIns, TimeSpan Load, TimeSpan FullRefresh, int RosterSessionId, int PersonId, int? PeriodId);

    public const int RosterSize = 500;

    private static readonly SessionKind[] Kinds = [SessionKind.OkrBasics, SessionKind.OkrBasics, SessionKind.OkrBasics, SessionKind.KeyResultWorkshop, SessionKind.KeyResultWorkshop, SessionKind.CheckInPractice, SessionKind.OnlineModule, SessionKind.RetroFacilitation, SessionKind.Icebreaker, SessionKind.OkrBasics];

    public static async Task<Result> GenerateAsync(IServiceProvider services, OrganisationSize size, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var random = new Random(2026);
        var today = DateOnly.FromDateTime(DateTime.Now);
        var now = DateTime.UtcNow;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await scope.ServiceProvider.GetRequiredService<PeopleImporter>().ApplyAsync(PeopleCsvReader.Read(PeopleGenerator.Csv(size.People, size.TeamSize), long.MaxValue), false, "generator", null, cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        // Person index i (from the generated e-mail) → id and team; team t's people are i ≡ t (mod teams).
        var teams = Math.Max(1, size.People / size.TeamSize);
        var people = (await db.People.AsNoTracking().Where(p => p.Email.EndsWith("@megacorp.example")).Select(p => new { p.Id, p.Email, p.UnitId }).ToListAsync(cancellationToken))
            .Select(p => (p.Id, p.UnitId, Index: int.Parse(p.Email[(p.Email.LastIndexOf('.', p.Email.IndexOf('@')) + 1)..p.Email.IndexOf('@')], CultureInfo.InvariantCulture)))
            .OrderBy(p => p.Index).ToList();
        var teamUnits = people.Take(teams).Select(p => p.UnitId).ToArray();

        var start = today.AddDays(-300);
        var programme = new Programme { Name = "Megacorp OKR roll-out", StartDate = start, TargetDate = today.AddDays(120) };
        db.Programmes.Add(programme);
        var waves = new List<Wave>();
        for (var w = 0; w <= size.Waves; w++)
        {
            var plannedStart = start.AddDays(w * 35);
            var wave = new Wave
            {
                Programme = programme, Order = w, Kind = w == 0 ? WaveKind.Pilot : WaveKind.Wave, Name = w == 0 ? "Pilot" : $"Wave {w}",
                PlannedStart = plannedStart, PlannedEnd = plannedStart.AddDays(56), MilestoneTargetDate = plannedStart.AddDays(56),
                ActualStart = plannedStart <= today ? plannedStart.AddDays(w % 3) : null,
                ActualEnd = plannedStart.AddDays(60) <= today ? plannedStart.AddDays(60) : null,
                MilestoneCriterion = w % 3 == 2 ? MilestoneCriterion.ShareTeamsPractising : MilestoneCriterion.ShareTrained, MilestoneThreshold = 80,
            };
            waves.Add(wave);
        }
        db.Waves.AddRange(waves);
        await db.SaveChangesAsync(cancellationToken);
        // The pilot takes 2 % of the teams, the waves share the rest; two teams form a rollout group.
        var pilotTeams = Math.Max(1, teams / 50);
        int WaveOfTeam(int team) => team < pilotTeams ? 0 : 1 + (team - pilotTeams) * size.Waves / Math.Max(1, teams - pilotTeams);
        var groups = Enumerable.Range(0, (teams + 1) / 2).Select(g => new RolloutGroup { WaveId = waves[WaveOfTeam(g * 2)].Id, Name = $"Group {g + 1:0000}", Size = size.TeamSize * 2 }).ToList();
        db.RolloutGroups.AddRange(groups);
        var sessions = Enumerable.Range(0, size.Sessions).Select(s => new TrainingSession
        {
            Programme = programme, Kind = Kinds[s % Kinds.Length], Language = s % 4 == 0 ? Language.En : Language.Fi, Mode = s % 2 == 0 ? SessionMode.Online : SessionMode.InPerson,
            Room = "Hall", Link = "https://meet.example/okr", StartUtc = now.AddDays(-300 + s * 360.0 / size.Sessions), DurationMinutes = 90, Capacity = 500,
        }).ToList();
        db.TrainingSessions.AddRange(sessions);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using (var insert = new PreparedInsert<WaveMember>(db, [nameof(WaveMember.ProgrammeId), nameof(WaveMember.WaveId), nameof(WaveMember.PersonId), nameof(WaveMember.RolloutGroupId)]))
        {
            foreach (var person in people)
            {
                var team = person.Index % teams;
                await insert.ExecuteAsync(cancellationToken, programme.Id, waves[WaveOfTeam(team)].Id, person.Id, groups[team / 2].Id);
            }
        }

        // Each person is enrolled in enrollments/people sessions; in started waves most core sessions were attended.
        var perPerson = Math.Max(1, size.Enrollments / people.Count);
        var enrollments = 0;
        await using (var insert = new PreparedInsert<Enrollment>(db, [nameof(Enrollment.SessionId), nameof(Enrollment.PersonId), nameof(Enrollment.State), nameof(Enrollment.CreatedAtUtc), nameof(Enrollment.ChangedAtUtc), nameof(Enrollment.ResponseTokenHash), nameof(Enrollment.WalkIn)]))
        {
            var stride = Math.Max(1, sessions.Count / perPerson);
            foreach (var person in people)
            {
                var started = waves[WaveOfTeam(person.Index % teams)].ActualStart is not null;
                for (var j = 0; j < perPerson; j++)
                {
                    var session = sessions[(person.Index * 7 + j * stride) % sessions.Count];
                    var roll = random.Next(100);
                    var state = !started ? (roll < 60 ? EnrollmentState.Invited : EnrollmentState.Registered)
                        : session.StartUtc > now ? (roll < 50 ? EnrollmentState.Invited : EnrollmentState.Registered)
                        : roll < 70 ? EnrollmentState.Attended : roll < 82 ? EnrollmentState.NoShow : roll < 92 ? EnrollmentState.Cancelled : EnrollmentState.Declined;
                    await insert.ExecuteAsync(cancellationToken, session.Id, person.Id, state.ToString(), now, now, "", false);
                    enrollments++;
                }
            }
            // One large session: the first one, topped up to the roster size with people not yet in it.
            var roster = sessions[0];
            var inRoster = people.Where(p => Enumerable.Range(0, perPerson).Any(j => (p.Index * 7 + j * stride) % sessions.Count == 0)).Select(p => p.Id).ToHashSet();
            foreach (var person in people.Where(p => !inRoster.Contains(p.Id)).Take(Math.Max(0, RosterSize - inRoster.Count)))
            {
                await insert.ExecuteAsync(cancellationToken, roster.Id, person.Id, nameof(EnrollmentState.Registered), now, now, "", false);
                enrollments++;
            }
        }

        // Objectives per team spread over the periods, most in the current one; teams in started waves publish and align.
        var periods = await db.Periods.AsNoTracking().OrderBy(p => p.StartDate).ToListAsync(cancellationToken);
        var current = periods.FindIndex(p => p.StartDate <= today && p.EndDate >= today);
        var perTeam = Math.Max(1, size.Objectives / teams);
        var keyResults = new List<(int Id, DateOnly From, DateOnly To, int Team)>();
        await using (var objectives = new PreparedInsert<Objective>(db, [nameof(Objective.PeriodId), nameof(Objective.UnitId), nameof(Objective.Title), nameof(Objective.Why), nameof(Objective.Status), nameof(Objective.ParentId), nameof(Objective.Version)], returning: nameof(Objective.Id)))
        await using (var krs = new PreparedInsert<KeyResult>(db, [nameof(KeyResult.ObjectiveId), nameof(KeyResult.Title), nameof(KeyResult.Metric), nameof(KeyResult.StartValue), nameof(KeyResult.TargetValue), nameof(KeyResult.CurrentValue), nameof(KeyResult.UnitLabel), nameof(KeyResult.Version)], returning: nameof(KeyResult.Id)))
        {
            // Per period a company objective, one per division under it and one per function under that; teams align to their function's.
            var paths = await db.OrgUnits.AsNoTracking().Where(u => u.NamePath.StartsWith("Megacorp")).ToDictionaryAsync(u => u.Id, u => u.NamePath, cancellationToken);
            var unitOfPath = paths.ToDictionary(p => p.Value, p => p.Key);
            static string Parent(string path) => path[..path.LastIndexOf('/')];
            var functionOfTeam = teamUnits.Select(u => Parent(paths[u])).ToArray();
            var aligned = new Dictionary<(int Period, string Path), int>();
            foreach (var period in periods)
            {
                var status = (period.EndDate < today ? ObjectiveStatus.Closed : ObjectiveStatus.Published).ToString();
                aligned[(period.Id, "Megacorp")] = await objectives.ExecuteReturningAsync(cancellationToken, period.Id, unitOfPath["Megacorp"], $"Company objective, {period.Name}", "", status, null, 0);
                foreach (var division in functionOfTeam.Select(Parent).Distinct().Order(StringComparer.Ordinal))
                {
                    aligned[(period.Id, division)] = await objectives.ExecuteReturningAsync(cancellationToken, period.Id, unitOfPath[division], $"{division} objective", "", status, aligned[(period.Id, "Megacorp")], 0);
                }
                foreach (var function in functionOfTeam.Distinct().Order(StringComparer.Ordinal))
                {
                    aligned[(period.Id, function)] = await objectives.ExecuteReturningAsync(cancellationToken, period.Id, unitOfPath[function], $"{function} objective", "", status, aligned[(period.Id, Parent(function))], 0);
                }
            }
            for (var team = 0; team < teams; team++)
            {
                var started = waves[WaveOfTeam(team)].ActualStart is not null;
                for (var o = 0; o < perTeam; o++)
                {
                    var periodIndex = current >= 0 && o % 2 == 0 ? current : o % periods.Count;
                    var period = periods[periodIndex];
                    var status = !started ? ObjectiveStatus.Draft : periodIndex < current ? ObjectiveStatus.Closed : team % 7 == 3 ? ObjectiveStatus.Draft : ObjectiveStatus.Published;
                    int? parent = status != ObjectiveStatus.Draft ? aligned[(period.Id, functionOfTeam[team])] : null;
                    var id = await objectives.ExecuteReturningAsync(cancellationToken, period.Id, teamUnits[team], $"Objective {o + 1} of team {team + 1}", "", status.ToString(), parent, 0);
                    for (var k = 0; k < size.KeyResultsPerObjective; k++)
                    {
                        var krId = await krs.ExecuteReturningAsync(cancellationToken, id, $"Key result {k + 1}", nameof(KeyResultMetric.Percent), 0.0, 100.0, (double)random.Next(100), "%", 0);
                        if (status != ObjectiveStatus.Draft)
                        {
                            keyResults.Add((krId, period.StartDate, period.EndDate < today ? period.EndDate : today, team));
                        }
                    }
                }
            }
        }

        // Weekly check-ins on published key results, newest first back from a team-specific last date (some teams on time, some late, some stopped).
        var checkIns = 0;
        await using (var insert = new PreparedInsert<CheckIn>(db, [nameof(CheckIn.KeyResultId), nameof(CheckIn.Date), nameof(CheckIn.Value), nameof(CheckIn.Confidence), nameof(CheckIn.Note), nameof(CheckIn.CreatedAtUtc)]))
        {
            var perKeyResult = keyResults.Count == 0 ? 0 : (size.CheckIns + keyResults.Count - 1) / keyResults.Count;
            foreach (var (id, from, to, team) in keyResults)
            {
                var last = to.AddDays(-(team % 5) * 5);
                for (var c = 0; c < perKeyResult && checkIns < size.CheckIns; c++)
                {
                    var date = last.AddDays(-7 * c);
                    await insert.ExecuteAsync(cancellationToken, id, date < from ? from.AddDays(-c) : date, (double)random.Next(100), random.Next(3, 10), "", now);
                    checkIns++;
                }
            }
        }

        // A year of nightly snapshots: each wave climbs from its start.
        await using (var insert = new PreparedInsert<AdoptionSnapshot>(db, [nameof(AdoptionSnapshot.Date), nameof(AdoptionSnapshot.ProgrammeId), nameof(AdoptionSnapshot.WaveId), nameof(AdoptionSnapshot.Members), nameof(AdoptionSnapshot.Invited), nameof(AdoptionSnapshot.Trained), nameof(AdoptionSnapshot.Drafting), nameof(AdoptionSnapshot.Aligned), nameof(AdoptionSnapshot.Practising)]))
        {
            var members = waves.Select(w => people.Count(p => WaveOfTeam(p.Index % teams) == w.Order)).ToArray();
            for (var d = size.SnapshotDays; d >= 1; d--)
            {
                var date = today.AddDays(-d);
                var total = new int[6];
                foreach (var wave in waves)
                {
                    var days = wave.ActualStart is { } s ? date.DayNumber - s.DayNumber : -1;
                    var share = days < 0 ? 0 : Math.Min(1.0, days / 90.0);
                    int[] row = [members[wave.Order], (int)(members[wave.Order] * Math.Min(1, share * 2)), (int)(members[wave.Order] * share * 0.8), (int)(members[wave.Order] * share * 0.6), (int)(members[wave.Order] * share * 0.45), (int)(members[wave.Order] * share * 0.3)];
                    await insert.ExecuteAsync(cancellationToken, date, programme.Id, wave.Id, row[0], row[1], row[2], row[3], row[4], row[5]);
                    for (var i = 0; i < 6; i++)
                    {
                        total[i] += row[i];
                    }
                }
                await insert.ExecuteAsync(cancellationToken, date, programme.Id, null, total[0], total[1], total[2], total[3], total[4], total[5]);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        var load = watch.Elapsed;

        watch.Restart();
        await scope.ServiceProvider.GetRequiredService<StageRollupRefresher>().RefreshAsync(everything: true, cancellationToken);
        return new Result(programme.Id, people.Count, enrollments, checkIns, load, watch.Elapsed, sessions[0].Id, people[people.Count / 2].Id, current >= 0 ? periods[current].Id : null);
    }
}
