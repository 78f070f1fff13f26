using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Adoption;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Time;

namespace OkrRollout.Web.Pages.Dashboard;

public sealed record WaveRow(Wave Wave, Dictionary<OnboardingStage, int> Funnel, MilestoneProgress Milestone)
{
    public int People => Funnel.Values.Sum();
    public double TrainedShare => DashboardFigures.Share(Funnel, OnboardingStage.Trained);
    public double PractisingShare => DashboardFigures.Share(Funnel, OnboardingStage.Practising);
}

/// <summary>How many teams (units with published key results) keep the weekly check-in rhythm.</summary>
public sealed record CheckInMix(int OnTime, int Late, int Missed)
{
    public int Teams => OnTime + Late + Missed;

    public static CheckInMix Of(CheckInActivity activity) => activity switch
    {
        CheckInActivity.OnTime => new(1, 0, 0),
        CheckInActivity.Late => new(0, 1, 0),
        CheckInActivity.Missed => new(0, 0, 1),
        _ => new(0, 0, 0),
    };

    public static CheckInMix Sum(IEnumerable<CheckInMix> mixes) =>
        mixes.Aggregate(new CheckInMix(0, 0, 0), (a, b) => new(a.OnTime + b.OnTime, a.Late + b.Late, a.Missed + b.Missed));
}

/// <param name="Started">The stage counts of the unit's people in waves that have started: lag is measured on them, not on people whose wave is still to come.</param>
/// <param name="Teams">The check-in rhythm of the unit, or of all teams in an area.</param>
/// <param name="HasSubUnits">An area that opens to the units below it.</param>
/// <param name="Folded">For leaders, a row that counts smaller units together with the unit above them (<see cref="LeaderView"/>).</param>
public sealed record UnitRow(int UnitId, string Path, Dictionary<OnboardingStage, int> Funnel, UnitActivity Activity, Dictionary<OnboardingStage, int> Started, CheckInMix Teams, bool HasSubUnits = false, FoldedUnits? Folded = null)
{
    public int People => Funnel.Values.Sum();

    public double TrainedShare => DashboardFigures.Share(Funnel, OnboardingStage.Trained);

    /// <summary>The trained share among people in started waves; none when the unit's waves are all still to come.</summary>
    public double? StartedTrainedShare => Started.Values.Sum() == 0 ? null : DashboardFigures.Share(Started, OnboardingStage.Trained);

    /// <summary>An area (a unit with everything below it) summed from its units: stages, attendance, teams' check-ins; confidence is the mean of the units'.</summary>
    public static UnitRow Combine(string path, IReadOnlyCollection<UnitRow> units, bool hasSubUnits)
    {
        var confidences = units.Where(u => u.Activity.AverageConfidence is not null).Select(u => u.Activity.AverageConfidence!.Value).ToList();
        var activity = new UnitActivity(units.Sum(u => u.Activity.Attended), units.Sum(u => u.Activity.NoShows), CheckInActivity.NoKeyResults, confidences.Count == 0 ? null : confidences.Average());
        return new UnitRow(0, path, DashboardFigures.Sum(units.Select(u => u.Funnel)), activity, DashboardFigures.Sum(units.Select(u => u.Started)), CheckInMix.Sum(units.Select(u => u.Teams)), hasSubUnits);
    }

    /// <summary>The areas directly below <paramref name="parent"/> (its own people as one row of their own), each with everything below it.</summary>
    public static List<UnitRow> ChildrenOf(string parent, IEnumerable<UnitRow> units) =>
        LaggingFirst(units.Select(u => (Unit: u, Child: ChildPath(parent, u.Path))).Where(u => u.Child is not null)
            .GroupBy(u => u.Child!, u => u.Unit)
            .Select(g => Combine(g.Key, g.ToList(), g.Any(u => u.Path != g.Key)) with { Folded = g.Key == parent ? g.First().Folded : null }));

    /// <summary>The path of the area directly below <paramref name="parent"/> that holds <paramref name="path"/>; the parent itself for its own people; null when outside.</summary>
    private static string? ChildPath(string parent, string path)
    {
        if (path.Length == parent.Length)
        {
            return path == parent ? parent : null;
        }
        if (path.Length < parent.Length + 2 || path[parent.Length] != '/' || !path.StartsWith(parent, StringComparison.Ordinal))
        {
            return null;
        }
        var next = path.IndexOf('/', parent.Length + 1);
        return next < 0 ? path : path[..next];
    }

    /// <summary>Lagging first: the lowest trained share in started waves, then units whose waves have not started.</summary>
    public static List<UnitRow> LaggingFirst(IEnumerable<UnitRow> rows) =>
        rows.OrderBy(u => u.StartedTrainedShare is null).ThenBy(u => u.StartedTrainedShare).ThenBy(u => u.Path, StringComparer.Ordinal).ToList();
}

/// <param name="FoldedGroups">For leaders, a row of a wave's smaller groups counted together (<see cref="LeaderView"/>); <paramref name="WithUngrouped"/> when it counts the wave's people in no group too.</param>
public sealed record GroupRow(int Id, Wave Wave, string Name, Dictionary<OnboardingStage, int> Funnel, int FoldedGroups = 0, bool WithUngrouped = false)
{
    public bool IsFolded => FoldedGroups > 0 || WithUngrouped;

    public int People => Funnel.Values.Sum();

    public double TrainedShare => DashboardFigures.Share(Funnel, OnboardingStage.Trained);
}

/// <summary>A figure that opens the named people behind it, for those who may see names; a plain number for everyone else.</summary>
public static class DrillLink
{
    /// <summary>The dashboard's People handler, from its route.</summary>
    public static string PeopleUrl(IUrlHelper url) => url.Page("/Dashboard/Index", "People")!;

    /// <param name="peopleUrl">The People handler's URL, generated once per table (<see cref="PeopleUrl"/>).</param>
    /// <param name="query">Its query for this figure, e.g. programmeId=1&amp;stage=Trained (ids and enum names only).</param>
    public static IHtmlContent Render(bool seesNames, int count, string peopleUrl, string query)
    {
        var number = count.ToString(CultureInfo.InvariantCulture);
        if (!seesNames || count == 0)
        {
            return new HtmlString(number);
        }
        var href = HtmlEncoder.Default.Encode(peopleUrl + (peopleUrl.Contains('?') ? "&" : "?") + query);
        return new HtmlString($"<a href=\"{href}\" hx-get=\"{href}\" hx-target=\"#drill-down\" hx-swap=\"outerHTML show:#drill-down:top\">{number}</a>");
    }
}

public sealed record UnitTable(int ProgrammeId, bool SeesNames, IReadOnlyList<UnitRow> Rows, string Id);

public sealed record AreaTable(int ProgrammeId, IReadOnlyList<UnitRow> Rows, string Id);

/// <summary>
/// Everything the dashboard shows for one programme, built from the roll-ups and the snapshots —
/// never from the people themselves — and kept in memory until the roll-ups' version or the day
/// changes. Units and departments are complete and ordered lagging first; the page filters per role.
/// </summary>
public sealed record DashboardFigures(
    long Version,
    DateOnly Today,
    Dictionary<OnboardingStage, int> Funnel,
    List<WaveRow> Waves,
    /// <summary>The rollout groups of running waves, lagging first.</summary>
    List<GroupRow> Groups,
    List<UnitRow> Units,
    List<UnitRow> Departments,
    List<AdoptionSnapshot> Trend,
    List<(Wave Wave, List<(int Week, double Trained)> Weeks)> WaveComparison,
    List<(int Id, string Name)> Programmes)
{
    public const int TrendWeeks = 26;

    public int People => Funnel.Values.Sum();

    private readonly ConcurrentDictionary<int, Lazy<LeaderView>> _forLeaders = new();

    /// <summary>What leaders see of these figures, worked out once per minimum group size.</summary>
    public LeaderView ForLeaders(int minimumGroupSize) =>
        _forLeaders.GetOrAdd(minimumGroupSize, minimum => new(() => LeaderView.Of(this, minimum))).Value;

    /// <summary>Stage counts added up, stage by stage.</summary>
    public static Dictionary<OnboardingStage, int> Sum(IEnumerable<Dictionary<OnboardingStage, int>> funnels)
    {
        var all = funnels.ToList();
        return Enum.GetValues<OnboardingStage>().ToDictionary(s => s, s => all.Sum(f => f.GetValueOrDefault(s)));
    }

    public static double Share(Dictionary<OnboardingStage, int> funnel, OnboardingStage atLeast)
    {
        var total = funnel.Values.Sum();
        return total == 0 ? 0 : (double)AdoptionFigures.AtLeast(funnel, atLeast) / total;
    }

    private static readonly UnitActivity NoActivity = new(0, 0, CheckInActivity.NoKeyResults, null);

    public static async Task<DashboardFigures> BuildAsync(AppDbContext db, OrganisationTime time, int programmeId, long version, DateOnly today, CancellationToken cancellationToken)
    {
        var rollups = await db.StageRollups.AsNoTracking().Where(r => r.ProgrammeId == programmeId).ToListAsync(cancellationToken);
        var waves = await db.Waves.AsNoTracking().Where(w => w.ProgrammeId == programmeId).OrderBy(w => w.Order).ToListAsync(cancellationToken);
        var byWave = rollups.ToLookup(r => r.WaveId);
        var waveRows = waves.Select(w => new WaveRow(w, AdoptionFigures.Funnel(byWave[w.Id]), WaveMilestones.Measure(w, byWave[w.Id].ToList(), today))).ToList();

        var waveIds = waves.Select(w => w.Id).ToList();
        var groups = await db.RolloutGroups.AsNoTracking().Where(g => waveIds.Contains(g.WaveId)).ToListAsync(cancellationToken);
        var byGroup = rollups.Where(r => r.RolloutGroupId is not null).ToLookup(r => r.RolloutGroupId!.Value);
        var wavesById = waves.ToDictionary(w => w.Id);
        var groupRows = groups.Where(g => wavesById[g.WaveId].StateOn(today) == WaveState.Running)
            .Select(g => new GroupRow(g.Id, wavesById[g.WaveId], g.Name, AdoptionFigures.Funnel(byGroup[g.Id])))
            .Where(g => g.People > 0)
            .OrderBy(g => g.TrainedShare).ThenBy(g => g.Wave.Order).ThenBy(g => g.Name, StringComparer.Ordinal).ToList();

        // Whole tables (a few thousand rows) rather than thousands of ids in a query.
        var names = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.NamePath, cancellationToken);
        var activity = await db.UnitActivityRollups.AsNoTracking().ToDictionaryAsync(a => a.UnitId, cancellationToken);
        var started = waves.Where(w => w.StateOn(today) != WaveState.Planned).Select(w => w.Id).ToHashSet();
        var units = UnitRow.LaggingFirst(rollups.GroupBy(r => r.UnitId)
            .Select(g =>
            {
                var facts = activity.GetValueOrDefault(g.Key);
                var unitActivity = facts is null ? NoActivity : new UnitActivity(facts.Attended, facts.NoShows, UnitActivity.Classify(facts.HasKeyResults, facts.LastCheckIn, today), facts.AverageConfidence);
                return new UnitRow(g.Key, names[g.Key], AdoptionFigures.Funnel(g), unitActivity, AdoptionFigures.Funnel(g.Where(r => started.Contains(r.WaveId))), CheckInMix.Of(unitActivity.CheckIns));
            }));
        var departments = units.Select(u => u.Path.Split('/')[0]).Distinct().SelectMany(root => UnitRow.ChildrenOf(root, units)).ToList();
        departments = UnitRow.LaggingFirst(departments);

        var trend = await TrendAsync(db, programmeId, today, cancellationToken);
        var comparison = await WaveComparisonAsync(db, time, programmeId, waves, today, cancellationToken);
        var programmes = (await db.Programmes.AsNoTracking().OrderByDescending(p => p.StartDate).Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken)).Select(p => (p.Id, p.Name)).ToList();
        return new DashboardFigures(version, today, AdoptionFigures.Funnel(rollups), waveRows, groupRows, units, departments, trend, comparison, programmes);
    }

    private static async Task<List<AdoptionSnapshot>> TrendAsync(AppDbContext db, int programmeId, DateOnly today, CancellationToken cancellationToken)
    {
        var since = today.AddDays(-7 * TrendWeeks);
        var totals = await db.AdoptionSnapshots.AsNoTracking().Where(s => s.ProgrammeId == programmeId && s.WaveId == null && s.Date >= since).ToListAsync(cancellationToken);
        // The nightly job writes a row a day; a week's last row stands for the week.
        return totals.GroupBy(s => s.Date.DayNumber / 7).Select(g => g.MaxBy(s => s.Date)!).OrderBy(s => s.Date).ToList();
    }

    private static readonly OnboardingStage[] TrainedOrFurther = [OnboardingStage.Trained, OnboardingStage.Drafting, OnboardingStage.Aligned, OnboardingStage.Practising];

    /// <summary>
    /// Each started wave's share of its members trained by the end of each week since it started,
    /// worked out from the facts' own dates (the day of the core session a member attended, or of the
    /// correction that marked them trained), so the comparison is there on a wave's first day, with no snapshots.
    /// </summary>
    private static async Task<List<(Wave, List<(int, double)>)>> WaveComparisonAsync(AppDbContext db, OrganisationTime time, int programmeId, List<Wave> waves, DateOnly today, CancellationToken cancellationToken)
    {
        var started = waves.Where(w => WaveStart(w, today) is not null).ToList();
        var startedIds = started.Select(w => w.Id).ToList();
        var coreKinds = TrainingSession.CoreKinds;
        var members = await db.WaveMembers.AsNoTracking().Where(m => m.ProgrammeId == programmeId && startedIds.Contains(m.WaveId))
            .Select(m => new
            {
                m.WaveId,
                Attended = db.Enrollments.Where(e => e.PersonId == m.PersonId && e.State == EnrollmentState.Attended && coreKinds.Contains(e.Session.Kind)).Min(e => (DateTime?)e.Session.StartUtc),
                Marked = db.StageOverrides.Where(o => o.PersonId == m.PersonId && o.ProgrammeId == programmeId && TrainedOrFurther.Contains(o.Stage)).Min(o => (DateTime?)o.SetAtUtc),
            })
            .ToListAsync(cancellationToken);
        var byWave = members.ToLookup(m => m.WaveId, m => (m.Attended, m.Marked) switch
        {
            ({ } attended, { } marked) => (DateOnly?)time.DateOf(attended < marked ? attended : marked),
            ({ } attended, null) => time.DateOf(attended),
            (null, { } marked) => time.DateOf(marked),
            _ => null,
        });
        return started.Select(w =>
            {
                var start = WaveStart(w, today)!.Value;
                var trainedOn = byWave[w.Id].ToList();
                var weeks = Math.Min((today.DayNumber - start.DayNumber) / 7 + 1, TrendWeeks);
                var points = trainedOn.Count == 0 ? [] : Enumerable.Range(0, weeks)
                    .Select(week =>
                    {
                        var end = start.AddDays(7 * week + 6);
                        var upTo = end < today ? end : today;
                        return (week, (double)trainedOn.Count(d => d is { } day && day <= upTo) / trainedOn.Count);
                    }).ToList();
                return (w, points);
            })
            .Where(c => c.points.Count > 0).ToList();
    }

    /// <summary>The day a wave started: its actual start, else its planned start, once that day has come.</summary>
    private static DateOnly? WaveStart(Wave wave, DateOnly today) =>
        (wave.ActualStart ?? wave.PlannedStart) is var start && start <= today ? start : null;
}

/// <summary>
/// The last figures built per programme; one copy per app instance, rebuilt when the roll-ups'
/// version or the day moves on. Requests that arrive while a build runs wait for it instead of
/// building the same figures again.
/// </summary>
public sealed class DashboardCache(IServiceScopeFactory scopes)
{
    // Read and written only under the lock, so a plain dictionary.
    private readonly Dictionary<int, (long Version, DateOnly Today, Task<DashboardFigures> Figures)> _figures = [];
    private readonly Lock _building = new();

    public async Task<DashboardFigures> GetAsync(int programmeId, long version, DateOnly today, CancellationToken cancellationToken)
    {
        Task<DashboardFigures> figures;
        lock (_building)
        {
            if (!_figures.TryGetValue(programmeId, out var cached) || cached.Version != version || cached.Today != today || cached.Figures.IsFaulted || cached.Figures.IsCanceled)
            {
                // Not tied to this request's scope or cancellation: others may be waiting for the same build.
                cached = (version, today, BuildAsync(programmeId, version, today));
                _figures[programmeId] = cached;
            }
            figures = cached.Figures;
        }
        return await figures.WaitAsync(cancellationToken);
    }

    private async Task<DashboardFigures> BuildAsync(int programmeId, long version, DateOnly today)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await DashboardFigures.BuildAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider.GetRequiredService<OrganisationTime>(), programmeId, version, today, CancellationToken.None);
    }
}
