using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Okr;

namespace OkrRollout.Web.Rollout;

public sealed record PersonStage(int PersonId, string Name, int UnitId, bool IsLead, int? WaveId, int? GroupId, OnboardingStage Derived, OnboardingStage? Override, string? OverrideReason)
{
    public OnboardingStage Stage => OnboardingStages.Effective(Derived, Override);
}

/// <summary>
/// Every active person's onboarding stage in a programme, from a handful of set-based queries
/// (enrollments in core sessions, the current period's objectives per unit, the last check-in per
/// unit) and the rule in <see cref="OnboardingStages"/>. <see cref="StageRollups"/> keeps their
/// counts; pages that show named people derive just the units they show.
/// </summary>
public class AdoptionFigures(AppDbContext db, TimeProvider clock)
{
    private static readonly SessionKind[] CoreKinds = [SessionKind.OkrBasics, SessionKind.KeyResultWorkshop];

    /// <param name="unitIds">Only the people of these units; all when null.</param>
    public async Task<List<PersonStage>> StagesAsync(int programmeId, IReadOnlyCollection<int>? unitIds, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var programme = await db.Programmes.AsNoTracking().SingleAsync(p => p.Id == programmeId, cancellationToken);
        var activePeople = db.People.AsNoTracking().Where(p => p.IsActive);
        if (unitIds is not null)
        {
            activePeople = activePeople.Where(p => unitIds.Contains(p.UnitId));
        }
        var people = await activePeople.Select(p => new { p.Id, p.Name, p.UnitId, p.IsLead }).ToListAsync(cancellationToken);
        var members = db.WaveMembers.AsNoTracking().Where(m => m.ProgrammeId == programmeId);
        var coreEnrollments = db.Enrollments.AsNoTracking().Where(e => CoreKinds.Contains(e.Session.Kind));
        var overridden = db.StageOverrides.AsNoTracking().Where(o => o.ProgrammeId == programmeId);
        if (unitIds is not null)
        {
            members = members.Where(m => unitIds.Contains(m.Person.UnitId));
            coreEnrollments = coreEnrollments.Where(e => unitIds.Contains(e.Person.UnitId));
            overridden = overridden.Where(o => unitIds.Contains(o.Person.UnitId));
        }
        var memberships = await members.ToDictionaryAsync(m => m.PersonId, m => (m.WaveId, m.RolloutGroupId), cancellationToken);
        var core = await coreEnrollments.GroupBy(e => e.PersonId).Select(g => new { PersonId = g.Key, Attended = g.Any(e => e.State == EnrollmentState.Attended) })
            .ToDictionaryAsync(g => g.PersonId, g => g.Attended, cancellationToken);

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
            var objectives = await ofPeriod.Select(o => new { o.UnitId, o.Status, HasParent = o.ParentId != null }).ToListAsync(cancellationToken);
            drafting.UnionWith(objectives.Where(o => o.Status == ObjectiveStatus.Draft).Select(o => o.UnitId));
            aligned.UnionWith(objectives.Where(o => o.Status == ObjectiveStatus.Published && o.HasParent).Select(o => o.UnitId));
            var checkIns = db.CheckIns.AsNoTracking().Where(c => c.KeyResult.Objective.PeriodId == period);
            if (unitIds is not null)
            {
                checkIns = checkIns.Where(c => unitIds.Contains(c.KeyResult.Objective.UnitId));
            }
            foreach (var row in await checkIns
                .GroupBy(c => c.KeyResult.Objective.UnitId).Select(g => new { UnitId = g.Key, Last = g.Max(c => c.Date) }).ToListAsync(cancellationToken))
            {
                lastCheckIn[row.UnitId] = row.Last;
            }
        }
        var overrides = await overridden.ToDictionaryAsync(o => o.PersonId, o => (o.Stage, o.Reason), cancellationToken);

        return people.Select(p =>
        {
            var facts = new StageFacts(core.ContainsKey(p.Id), core.GetValueOrDefault(p.Id), drafting.Contains(p.UnitId), aligned.Contains(p.UnitId),
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
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var expected = db.Enrollments.AsNoTracking().Where(e => e.State == EnrollmentState.Attended || e.State == EnrollmentState.NoShow);
        if (unitIds is not null)
        {
            expected = expected.Where(e => unitIds.Contains(e.Person.UnitId));
        }
        var attendance = await expected.GroupBy(e => e.Person.UnitId)
            .Select(g => new { UnitId = g.Key, Attended = g.Count(e => e.State == EnrollmentState.Attended), NoShows = g.Count(e => e.State == EnrollmentState.NoShow) })
            .ToDictionaryAsync(g => g.UnitId, cancellationToken);
        var keyResults = new Dictionary<int, (DateOnly? Last, double? Confidence)>();
        if (await OkrQueries.CurrentPeriodIdAsync(db, today, cancellationToken) is { } period)
        {
            var published = db.KeyResults.AsNoTracking().Where(k => k.Objective.PeriodId == period && k.Objective.Status == ObjectiveStatus.Published);
            if (unitIds is not null)
            {
                published = published.Where(k => unitIds.Contains(k.Objective.UnitId));
            }
            var latest = await published
                .Select(k => new { k.Objective.UnitId, Last = db.CheckIns.Where(c => c.KeyResultId == k.Id).OrderByDescending(c => c.Date).ThenByDescending(c => c.Id).Select(c => new { c.Date, c.Confidence }).FirstOrDefault() })
                .ToListAsync(cancellationToken);
            foreach (var unit in latest.GroupBy(k => k.UnitId))
            {
                var checkedIn = unit.Where(k => k.Last is not null).ToList();
                keyResults[unit.Key] = (checkedIn.Count == 0 ? null : checkedIn.Max(k => k.Last!.Date), checkedIn.Count == 0 ? null : checkedIn.Average(k => k.Last!.Confidence));
            }
        }
        return attendance.Keys.Union(keyResults.Keys).Select(id =>
        {
            var a = attendance.GetValueOrDefault(id);
            var hasKeyResults = keyResults.TryGetValue(id, out var k);
            return new UnitActivityRollup { UnitId = id, Attended = a?.Attended ?? 0, NoShows = a?.NoShows ?? 0, HasKeyResults = hasKeyResults, LastCheckIn = k.Last, AverageConfidence = k.Confidence };
        }).ToList();
    }

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
