using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Adoption;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Htmx;
using OkrRollout.Web.Import;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Pages.Programmes;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;

namespace OkrRollout.Web.Pages.Dashboard;

/// <summary>
/// What leadership opens: the programme's onboarding funnel, each wave against its plan, and the
/// units that lag. Aggregates only — no names — and no figure a leader sees, alone or subtracted from
/// another, covers fewer people than Dashboard:MinimumGroupSize (default 5): see <see cref="LeaderView"/>.
/// </summary>
[Authorize(Policy = Policies.Leader)]
public class IndexModel(AppDbContext db, AdoptionFigures figures, StageRollupRefresher rollups, DashboardCache cache, IAuthorizationService authorization, IConfiguration configuration, OrganisationTime time, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public Programme? Programme { get; private set; }
    public DashboardFigures Figures { get; private set; } = null!;

    /// <summary>What a leader sees of the figures; null for those who see names, who see them all.</summary>
    public LeaderView? Leader { get; private set; }

    /// <summary>The programme has fewer people than the minimum group size, and the reader sees no names: no figures.</summary>
    public bool TooFewPeople => Leader?.TooFewPeople == true;
    public Dictionary<OnboardingStage, int> Funnel => Leader?.Funnel ?? Figures.Funnel;
    public int People => Funnel.Values.Sum();
    public List<WaveRow> Waves => Leader?.Waves ?? Figures.Waves;

    /// <summary>For leaders, the waves too small to show on their own, as one row.</summary>
    public OtherWaves? OtherWaves => Leader?.OtherWaves;
    public List<GroupRow> Groups { get; private set; } = [];
    public List<UnitRow> Units { get; private set; } = [];
    public List<UnitRow> Departments { get; private set; } = [];
    public int HiddenSmallUnits { get; private set; }
    public int MinimumGroupSize { get; private set; }

    /// <summary>Dashboard:MinimumGroupSize, default 5; the data-processing description states the same value.</summary>
    public static int MinimumGroupSizeIn(IConfiguration configuration) => configuration.GetValue("Dashboard:MinimumGroupSize", 5);
    public DateOnly Today { get; private set; }

    /// <summary>Snapshot dates (one a week, newest last) and, per date, the share at least at each stage.</summary>
    public List<AdoptionSnapshot> Trend => Leader?.Trend ?? Figures.Trend;

    private List<(Wave Wave, List<(int Week, double Trained)> Weeks)> AllComparisons => Leader?.WaveComparison ?? Figures.WaveComparison;

    /// <summary>Per wave that has started: the share trained or further, by week since its start; only the waves chosen, when some are.</summary>
    public List<(Wave Wave, List<(int Week, double Trained)> Weeks)> WaveComparison =>
        Compare.Count == 0 ? AllComparisons : AllComparisons.Where(c => Compare.Contains(c.Wave.Id)).ToList();

    /// <summary>Every wave the comparison could show, to choose from.</summary>
    public IEnumerable<Wave> ComparableWaves => AllComparisons.Select(c => c.Wave);

    /// <summary>A unit row's name as the reader sees it: for leaders, what a folded row counts.</summary>
    public string Label(UnitRow row) => LeaderView.Label(localizer, row);

    public string Label(GroupRow row) => LeaderView.Label(localizer, row);

    public string Label(OtherWaves other) => LeaderView.Label(localizer, other);

    /// <summary>The waves the reader chose to compare; none chosen compares them all.</summary>
    [BindProperty(SupportsGet = true)]
    public List<int> Compare { get; set; } = [];

    /// <summary>Ambassadors and admins may drill down from a figure to the named people behind it; leaders see aggregates only.</summary>
    public bool SeesNames { get; private set; }

    public const int LaggingUnitsShown = 10;

    /// <summary>The page lists the units that lag most unless asked for all; the CSV always has all.</summary>
    [BindProperty(SupportsGet = true)]
    public bool AllUnits { get; set; }

    public int UnitCount { get; private set; }

    [BindProperty(SupportsGet = true)]
    public bool AllGroups { get; set; }

    public int GroupCount { get; private set; }

    /// <summary>How long a rendering of the figures is kept after its last use; a new roll-up version renders afresh anyway.</summary>
    public static readonly TimeSpan RenderedFor = TimeSpan.FromMinutes(5);

    /// <summary>Everything the rendered figures depend on besides the language.</summary>
    public string RenderKey => $"{Programme?.Id}:{Figures?.Version}:{Today.DayNumber}:{SeesNames}:{AllUnits}:{AllGroups}:{MinimumGroupSize}:{OpenSubUnits?.Path}:{string.Join(',', Compare)}";

    /// <summary>The department opened by a plain link (htmx swaps the same section in place).</summary>
    public SubUnits? OpenSubUnits { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? programmeId, CancellationToken cancellationToken) =>
        await LoadAsync(programmeId, cancellationToken) ? ShowPage() : NotFound();

    private PageResult ShowPage()
    {
        UnitCount = Units.Count;
        if (!AllUnits)
        {
            Units = Units.Take(LaggingUnitsShown).ToList();
        }
        GroupCount = Groups.Count;
        if (!AllGroups)
        {
            Groups = Groups.Take(LaggingUnitsShown).ToList();
        }
        return Page();
    }

    /// <summary>The same figures as the page, one table at a time (all rows, not just those shown), for leaders who report onwards.</summary>
    public async Task<IActionResult> OnGetCsvAsync(int? programmeId, string table, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(programmeId, cancellationToken) || Programme is null || AdoptionCsv.Of(table, this) is not { } csv)
        {
            return NotFound();
        }
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"adoption-{table}-{Today:yyyy-MM-dd}.csv\"";
        await CsvTable.WriteAsync(Response.Body, csv.Columns, (TooFewPeople ? [] : csv.Rows).ToAsyncEnumerable(), ',', cancellationToken);
        return new EmptyResult();
    }

    public const int DrillDownShown = 500;

    /// <summary>The named people behind a figure: of a unit, a wave, a rollout group or the whole programme, at one stage or all.</summary>
    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnGetPeopleAsync(int? programmeId, int? unitId, int? waveId, int? groupId, OnboardingStage? stage, CancellationToken cancellationToken)
    {
        var (found, programme) = await ProgrammeQueries.FindOrCurrentAsync(db, programmeId, cancellationToken);
        if (!found || programme is null)
        {
            return NotFound();
        }
        var members = db.WaveMembers.Where(m => m.ProgrammeId == programme.Id);
        string? scope = programme.Name;
        if (unitId is { } unit)
        {
            scope = await db.OrgUnits.Where(u => u.Id == unit).Select(u => u.NamePath).SingleOrDefaultAsync(cancellationToken);
            members = members.Where(m => m.Person.UnitId == unit);
        }
        else if (groupId is { } group)
        {
            scope = await db.RolloutGroups.Where(g => g.Id == group && g.Wave.ProgrammeId == programme.Id).Select(g => g.Wave.Name + " · " + g.Name).SingleOrDefaultAsync(cancellationToken);
            members = members.Where(m => m.RolloutGroupId == group);
        }
        else if (waveId is { } wave)
        {
            scope = await db.Waves.Where(w => w.Id == wave && w.ProgrammeId == programme.Id).Select(w => w.Name).SingleOrDefaultAsync(cancellationToken);
            members = members.Where(m => m.WaveId == wave);
        }
        if (scope is null)
        {
            return NotFound();
        }
        // The whole programme's figure needs everyone's stage; a unit, wave or group only the units its people are in.
        List<int>? units = unitId is null && waveId is null && groupId is null ? null : await members.Select(m => m.Person.UnitId).Distinct().ToListAsync(cancellationToken);
        var people = (await figures.StagesAsync(programme.Id, units, cancellationToken))
            .Where(p => p.WaveId is not null && (unitId is null || p.UnitId == unitId) && (waveId is null || p.WaveId == waveId) && (groupId is null || p.GroupId == groupId) && (stage is null || p.Stage == stage))
            .OrderBy(p => p.Name, StringComparer.CurrentCulture).ToList();
        var shown = people.Take(DrillDownShown).ToList();
        // Each name with its unit: two people of one name are two people.
        var unitIds = shown.Select(p => p.UnitId).Distinct().ToList();
        var unitNames = await db.OrgUnits.Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        return Partial("_StagePeople", new StagePeople(scope, stage, shown, people.Count, unitNames));
    }

    public sealed record StagePeople(string Scope, OnboardingStage? Stage, List<PersonStage> People, int Total, IReadOnlyDictionary<int, string> UnitNames);

    /// <summary>The areas directly below a unit, each rolled up with everything below it, lagging first: any level of the organisation, for everyone who sees the dashboard.</summary>
    public async Task<IActionResult> OnGetSubUnitsAsync(int? programmeId, string path, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(programmeId, cancellationToken) || Programme is null
            || !(Leader?.HasSubUnits(path) ?? Figures.Units.Any(u => u.Path.StartsWith(path + "/", StringComparison.Ordinal))))
        {
            return NotFound();
        }
        var children = Leader?.SubUnits(path) ?? UnitRow.ChildrenOf(path, Figures.Units);
        var subUnits = new SubUnits(path, new AreaTable(Programme.Id, children, "sub-unit-progress"), Leader?.FoldedUnitsUnder(path) ?? 0, MinimumGroupSize);
        if (Request.IsHtmxPartial())
        {
            return Partial("_SubUnits", subUnits);
        }
        OpenSubUnits = subUnits;
        return ShowPage();
    }

    public sealed record SubUnits(string Path, AreaTable Table, int HiddenSmallUnits, int MinimumGroupSize);

    private async Task<bool> LoadAsync(int? programmeId, CancellationToken cancellationToken)
    {
        var (found, programme) = await ProgrammeQueries.FindOrCurrentAsync(db, programmeId, cancellationToken);
        if (!found)
        {
            return false;
        }
        Programme = programme;
        Today = time.Today;
        if (programme is null)
        {
            return true;
        }
        var version = await rollups.EnsureFreshAsync(cancellationToken);
        Figures = await cache.GetAsync(programme.Id, version, Today, cancellationToken);

        SeesNames = (await authorization.AuthorizeAsync(User, Policies.Ambassador)).Succeeded;
        MinimumGroupSize = MinimumGroupSizeIn(configuration);
        Leader = SeesNames ? null : Figures.ForLeaders(MinimumGroupSize);
        Units = [.. Leader?.Units ?? Figures.Units];
        HiddenSmallUnits = Leader?.FoldedUnits ?? 0;
        Departments = Leader?.Departments ?? Figures.Departments;
        Groups = [.. Leader?.Groups ?? Figures.Groups];
        return true;
    }
}
