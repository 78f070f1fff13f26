using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Okr;

namespace OkrRollout.Web.Rollout;

public sealed record PersonStage(int PersonId, string Name, int UnitId, int? WaveId, int? GroupId, OnboardingStage Derived, OnboardingStage? Override, string? OverrideReason)
{
    public OnboardingStage Stage => OnboardingStages.Effective(Derived, Override);
}

/// <summary>
/// Every active person's onboarding stage in a programme, from a handful of set-based queries
/// (enrollments in core sessions, the current period's objectives per unit, the last check-in per
/// unit) and the rule in <see cref="OnboardingStages"/>. Roll-ups group these rows.
/// </summary>
public class AdoptionFigures(AppDbContext db, TimeProvider clock)
{
    private static readonly SessionKind[] CoreKinds = [SessionKind.OkrBasics, SessionKind.KeyResultWorkshop];

    public async Task<List<PersonStage>> StagesAsync(int programmeId, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var programme = await db.Programmes.AsNoTracking().SingleAsync(p => p.Id == programmeId, cancellationToken);
        var people = await db.People.AsNoTracking().Where(p => p.IsActive).Select(p => new { p.Id, p.Name, p.UnitId }).ToListAsync(cancellationToken);
        var memberships = await db.WaveMembers.AsNoTracking().Where(m => m.ProgrammeId == programmeId)
            .ToDictionaryAsync(m => m.PersonId, m => (m.WaveId, m.RolloutGroupId), cancellationToken);
        var core = await db.Enrollments.AsNoTracking().Where(e => CoreKinds.Contains(e.Session.Kind))
            .GroupBy(e => e.PersonId).Select(g => new { PersonId = g.Key, Attended = g.Any(e => e.State == EnrollmentState.Attended) })
            .ToDictionaryAsync(g => g.PersonId, g => g.Attended, cancellationToken);

        var periodId = await OkrQueries.CurrentPeriodIdAsync(db, today, cancellationToken);
        var drafting = new HashSet<int>();
        var aligned = new HashSet<int>();
        var lastCheckIn = new Dictionary<int, DateOnly>();
        if (periodId is { } period)
        {
            var objectives = await db.Objectives.AsNoTracking().Where(o => o.PeriodId == period)
                .Select(o => new { o.UnitId, o.Status, HasParent = o.ParentId != null }).ToListAsync(cancellationToken);
            drafting.UnionWith(objectives.Where(o => o.Status == ObjectiveStatus.Draft).Select(o => o.UnitId));
            aligned.UnionWith(objectives.Where(o => o.Status == ObjectiveStatus.Published && o.HasParent).Select(o => o.UnitId));
            foreach (var row in await db.CheckIns.AsNoTracking().Where(c => c.KeyResult.Objective.PeriodId == period)
                .GroupBy(c => c.KeyResult.Objective.UnitId).Select(g => new { UnitId = g.Key, Last = g.Max(c => c.Date) }).ToListAsync(cancellationToken))
            {
                lastCheckIn[row.UnitId] = row.Last;
            }
        }
        var overrides = await db.StageOverrides.AsNoTracking().Where(o => o.ProgrammeId == programmeId)
            .ToDictionaryAsync(o => o.PersonId, o => (o.Stage, o.Reason), cancellationToken);

        return people.Select(p =>
        {
            var facts = new StageFacts(core.ContainsKey(p.Id), core.GetValueOrDefault(p.Id), drafting.Contains(p.UnitId), aligned.Contains(p.UnitId),
                lastCheckIn.TryGetValue(p.UnitId, out var last) ? last : null);
            var membership = memberships.TryGetValue(p.Id, out var m) ? m : ((int?)null, (int?)null);
            var hasOverride = overrides.TryGetValue(p.Id, out var o);
            return new PersonStage(p.Id, p.Name, p.UnitId, membership.Item1, membership.Item2,
                OnboardingStages.Derive(facts, today, programme.PractisingWithinDays), hasOverride ? o.Stage : null, hasOverride ? o.Reason : null);
        }).ToList();
    }

    /// <summary>Counts per stage; every stage present, in ladder order.</summary>
    /// <summary>Per unit: attendance and no-shows of its people, its check-in rhythm and average confidence on the current period's published key results.</summary>
    public async Task<Dictionary<int, UnitActivity>> UnitActivityAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var attendance = await db.Enrollments.AsNoTracking().Where(e => e.State == EnrollmentState.Attended || e.State == EnrollmentState.NoShow)
            .GroupBy(e => e.Person.UnitId)
            .Select(g => new { UnitId = g.Key, Attended = g.Count(e => e.State == EnrollmentState.Attended), NoShows = g.Count(e => e.State == EnrollmentState.NoShow) })
            .ToDictionaryAsync(g => g.UnitId, cancellationToken);
        var keyResults = new Dictionary<int, (DateOnly? Last, double? Confidence)>();
        if (await OkrQueries.CurrentPeriodIdAsync(db, today, cancellationToken) is { } period)
        {
            var latest = await db.KeyResults.AsNoTracking().Where(k => k.Objective.PeriodId == period && k.Objective.Status == ObjectiveStatus.Published)
                .Select(k => new { k.Objective.UnitId, Last = db.CheckIns.Where(c => c.KeyResultId == k.Id).OrderByDescending(c => c.Date).ThenByDescending(c => c.Id).Select(c => new { c.Date, c.Confidence }).FirstOrDefault() })
                .ToListAsync(cancellationToken);
            foreach (var unit in latest.GroupBy(k => k.UnitId))
            {
                var checkedIn = unit.Where(k => k.Last is not null).ToList();
                keyResults[unit.Key] = (checkedIn.Count == 0 ? null : checkedIn.Max(k => k.Last!.Date), checkedIn.Count == 0 ? null : checkedIn.Average(k => k.Last!.Confidence));
            }
        }
        return attendance.Keys.Union(keyResults.Keys).ToDictionary(id => id, id =>
        {
            var a = attendance.GetValueOrDefault(id);
            var hasKeyResults = keyResults.TryGetValue(id, out var k);
            return new UnitActivity(a?.Attended ?? 0, a?.NoShows ?? 0, UnitActivity.Classify(hasKeyResults, k.Last, today), k.Confidence);
        });
    }

    /// <summary>Each wave's exit milestone measured against its members' stages (from <see cref="StagesAsync"/>).</summary>
    public async Task<Dictionary<int, MilestoneProgress>> MilestonesAsync(IEnumerable<Wave> waves, IReadOnlyCollection<PersonStage> stages, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var members = stages.Where(s => s.WaveId is not null).Select(s => s.PersonId).ToHashSet();
        var leads = (await db.People.AsNoTracking().Where(p => p.IsLead).Select(p => p.Id).ToListAsync(cancellationToken)).Where(members.Contains).ToHashSet();
        var byWave = stages.Where(s => s.WaveId is not null).ToLookup(s => s.WaveId!.Value);
        return waves.ToDictionary(w => w.Id, w => WaveMilestones.Measure(w, byWave[w.Id].ToList(), leads, today));
    }

    /// <summary>How many people in a funnel got at least as far as the stage.</summary>
    public static int AtLeast(Dictionary<OnboardingStage, int> funnel, OnboardingStage stage) =>
        funnel.Where(f => f.Key >= stage).Sum(f => f.Value);

    public static Dictionary<OnboardingStage, int> Funnel(IEnumerable<PersonStage> people)
    {
        var counts = Enum.GetValues<OnboardingStage>().ToDictionary(s => s, _ => 0);
        foreach (var person in people)
        {
            counts[person.Stage]++;
        }
        return counts;
    }
}
