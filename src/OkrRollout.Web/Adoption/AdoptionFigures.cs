using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Okr;
using OkrRollout.Web.Time;

namespace OkrRollout.Web.Adoption;

public sealed record PersonStage(int PersonId, string Name, int UnitId, bool IsLead, int? WaveId, int? GroupId, OnboardingStage Derived, OnboardingStage? Override, string? OverrideReason)
{
    public OnboardingStage Stage => OnboardingStages.Effective(Derived, Override);
}

/// <summary>
/// Every active person's onboarding stage in a programme, from a handful of set-based queries
/// (enrollments in core sessions, the current period's objectives per unit, the last check-in per
/// unit) and the rule in <see cref="OnboardingStages"/>. <see cref="StageRollupRefresher"/> keeps their
/// counts; pages that show named people derive just the units they show.
/// </summary>
public class AdoptionFigures(AppDbContext db, OrganisationTime time)
{
    /// <summary>Above this many ids a query reads everything and the rest is filtered here: long id lists cost more than a scan (and SQLite caps parameters).</summary>
    public const int SeekLimit = 2_000;

    /// <param name="unitIds">Only the people of these units; all when null.</param>
    public async Task<List<PersonStage>> StagesAsync(int programmeId, IReadOnlyCollection<int>? unitIds, CancellationToken cancellationToken)
    {
        if (unitIds is { Count: > SeekLimit })
        {
            var wanted = unitIds.ToHashSet();
            return (await StagesAsync(programmeId, null, cancellationToken)).Where(p => wanted.Contains(p.UnitId)).ToList();
        }
        var today = time.Today;
        var programme = await db.Programmes.AsNoTracking().SingleAsync(p => p.Id == programmeId, cancellationToken);
        var activePeople = db.People.AsNoTracking().Where(p => p.IsActive);
        if (unitIds is not null)
        {
            activePeople = activePeople.Where(p => unitIds.Contains(p.UnitId));
        }
        // Per person, two index seeks on their enrollments: as fast for one team as it is for everyone.
        var people = await activePeople.Select(p => new
        {
            p.Id, p.Name, p.UnitId, p.IsLead,
            Invited = db.Enrollments.Any(e => e.PersonId == p.Id && TrainingSession.CoreKinds.Contains(e.Session.Kind)),
            Attended = db.Enrollments.Any(e => e.PersonId == p.Id && e.State == EnrollmentState.Attended && TrainingSession.CoreKinds.Contains(e.Session.Kind)),
        }).ToListAsync(cancellationToken);
        var members = db.WaveMembers.AsNoTracking().Where(m => m.ProgrammeId == programmeId);
        var overridden = db.StageOverrides.AsNoTracking().Where(o => o.ProgrammeId == programmeId);
        if (unitIds is not null && people.Count <= SeekLimit)
        {
            // By person id, so each query seeks its person index rather than scanning the table.
            var personIds = people.Select(p => p.Id).ToList();
            members = members.Where(m => personIds.Contains(m.PersonId));
            overridden = overridden.Where(o => personIds.Contains(o.PersonId));
        }
        var memberships = await members.ToDictionaryAsync(m => m.PersonId, m => (m.WaveId, m.RolloutGroupId), cancellationToken);

        var periodId = await OkrQueries.CurrentPeriodIdAsync(db, today, cancellationToken);
        var drafting = new HashSet<int>();
        var aligned = new HashSet<int>();
        var lastCheckIn = new Dictionary<int, DateOnly>();
        if (periodId is { } period)
        {
            var ofPeriod = db.Objectives.AsNoTracking().Where(o => o.PeriodId == period);
            if (unitIds is not null)
            {
                ofPeriod = ofPeriod.Where(o => unitIds.Contains(o.UnitId));
            }
            var objectives = await ofPeriod.Select(o => new { o.Id, o.UnitId, o.Status, HasParent = o.ParentId != null }).ToListAsync(cancellationToken);
            drafting.UnionWith(objectives.Where(o => o.Status == ObjectiveStatus.Draft).Select(o => o.UnitId));
            aligned.UnionWith(objectives.Where(o => o.Status == ObjectiveStatus.Published && o.HasParent).Select(o => o.UnitId));
            foreach (var keyResult in await KeyResultsOf(period, unitIds is null || objectives.Count > SeekLimit ? null : objectives.Select(o => o.Id).ToList())
                .Select(k => new { k.Objective.UnitId, Last = db.CheckIns.Where(c => c.KeyResultId == k.Id).Max(c => (DateOnly?)c.Date) }).ToListAsync(cancellationToken))
            {
                if (keyResult.Last is { } last && (!lastCheckIn.TryGetValue(keyResult.UnitId, out var known) || last > known))
                {
                    lastCheckIn[keyResult.UnitId] = last;
                }
            }
        }
        var overrides = await overridden.ToDictionaryAsync(o => o.PersonId, o => (o.Stage, o.Reason), cancellationToken);

        return people.Select(p =>
        {
            var facts = new StageFacts(p.Invited, p.Attended, drafting.Contains(p.UnitId), aligned.Contains(p.UnitId),
                lastCheckIn.TryGetValue(p.UnitId, out var last) ? last : null);
            var membership = memberships.TryGetValue(p.Id, out var m) ? m : ((int?)null, (int?)null);
            var hasOverride = overrides.TryGetValue(p.Id, out var o);
            return new PersonStage(p.Id, p.Name, p.UnitId, p.IsLead, membership.Item1, membership.Item2,
                OnboardingStages.Derive(facts, today, programme.PractisingWithinDays), hasOverride ? o.Stage : null, hasOverride ? o.Reason : null);
        }).ToList();
    }

    /// <summary>Per unit: attendance and no-shows of its people, and the latest check-in and average confidence on the current period's published key results.</summary>
    /// <param name="unitIds">Only these units; all when null.</param>
    public async Task<List<UnitActivityRollup>> UnitActivityAsync(IReadOnlyCollection<int>? unitIds, CancellationToken cancellationToken)
    {
        if (unitIds is { Count: > SeekLimit })
        {
            var wanted = unitIds.ToHashSet();
            return (await UnitActivityAsync(null, cancellationToken)).Where(a => wanted.Contains(a.UnitId)).ToList();
        }
        var today = time.Today;
        var expected = db.Enrollments.AsNoTracking().Where(e => e.State == EnrollmentState.Attended || e.State == EnrollmentState.NoShow);
        if (unitIds is not null)
        {
            var personIds = await db.People.Where(p => unitIds.Contains(p.UnitId)).Select(p => p.Id).ToListAsync(cancellationToken);
            expected = personIds.Count <= SeekLimit ? expected.Where(e => personIds.Contains(e.PersonId)) : expected.Where(e => unitIds.Contains(e.Person.UnitId));
        }
        var attendance = await expected.GroupBy(e => e.Person.UnitId)
            .Select(g => new { UnitId = g.Key, Attended = g.Count(e => e.State == EnrollmentState.Attended), NoShows = g.Count(e => e.State == EnrollmentState.NoShow) })
            .ToDictionaryAsync(g => g.UnitId, cancellationToken);
        var keyResults = new Dictionary<int, (DateOnly? Last, double? Confidence)>();
        if (await OkrQueries.CurrentPeriodIdAsync(db, today, cancellationToken) is { } period)
        {
            var objectiveIds = unitIds is null ? null : await db.Objectives.Where(o => o.PeriodId == period && unitIds.Contains(o.UnitId)).Select(o => o.Id).ToListAsync(cancellationToken);
            if (objectiveIds is { Count: > SeekLimit })
            {
                objectiveIds = null;
            }
            // Each key result's latest check-in by two seeks on (KeyResultId, Date), not a window over all check-ins.
            var latest = await KeyResultsOf(period, objectiveIds).Where(k => k.Objective.Status == ObjectiveStatus.Published)
                .Select(k => new
                {
                    k.Objective.UnitId,
                    Date = db.CheckIns.Where(c => c.KeyResultId == k.Id).OrderByDescending(c => c.Date).ThenByDescending(c => c.Id).Select(c => (DateOnly?)c.Date).FirstOrDefault(),
                    Confidence = db.CheckIns.Where(c => c.KeyResultId == k.Id).OrderByDescending(c => c.Date).ThenByDescending(c => c.Id).Select(c => (int?)c.Confidence).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            foreach (var unit in latest.GroupBy(k => k.UnitId))
            {
                var checkedIn = unit.Where(k => k.Date is not null).ToList();
                keyResults[unit.Key] = (checkedIn.Count == 0 ? null : checkedIn.Max(k => k.Date), checkedIn.Count == 0 ? null : checkedIn.Average(k => k.Confidence!.Value));
            }
        }
        return attendance.Keys.Union(keyResults.Keys).Where(id => unitIds is null || unitIds.Contains(id)).Select(id =>
        {
            var a = attendance.GetValueOrDefault(id);
            var hasKeyResults = keyResults.TryGetValue(id, out var k);
            return new UnitActivityRollup { UnitId = id, Attended = a?.Attended ?? 0, NoShows = a?.NoShows ?? 0, HasKeyResults = hasKeyResults, LastCheckIn = k.Last, AverageConfidence = k.Confidence };
        }).ToList();
    }

    /// <summary>The period's key results, or only those of these objectives.</summary>
    private IQueryable<KeyResult> KeyResultsOf(int periodId, List<int>? objectiveIds) =>
        objectiveIds is null
            ? db.KeyResults.AsNoTracking().Where(k => k.Objective.PeriodId == periodId)
            : db.KeyResults.AsNoTracking().Where(k => objectiveIds.Contains(k.ObjectiveId));

    /// <summary>How many people in a funnel got at least as far as the stage.</summary>
    public static int AtLeast(Dictionary<OnboardingStage, int> funnel, OnboardingStage stage) =>
        funnel.Where(f => f.Key >= stage).Sum(f => f.Value);

    /// <summary>Counts per stage; every stage present, in ladder order.</summary>
    public static Dictionary<OnboardingStage, int> Funnel(IEnumerable<StageRollup> rows)
    {
        var counts = Enum.GetValues<OnboardingStage>().ToDictionary(s => s, _ => 0);
        foreach (var row in rows)
        {
            counts[row.Stage] += row.People;
        }
        return counts;
    }
}
