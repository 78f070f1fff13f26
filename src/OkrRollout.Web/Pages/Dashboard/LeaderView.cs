using Microsoft.Extensions.Localization;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Pages.Dashboard;

/// <param name="Units">How many units the row counts besides the unit of its own path.</param>
/// <param name="WithOwnPeople">The row counts the people of the unit of its own path too.</param>
public sealed record FoldedUnits(int Units, bool WithOwnPeople);

/// <summary>The waves too small to show on their own, counted as one row.</summary>
public sealed record OtherWaves(List<Wave> Waves, Dictionary<OnboardingStage, int> Funnel)
{
    public int People => Funnel.Values.Sum();
    public double TrainedShare => DashboardFigures.Share(Funnel, OnboardingStage.Trained);
    public double PractisingShare => DashboardFigures.Share(Funnel, OnboardingStage.Practising);
}

/// <summary>
/// The dashboard as leaders see it: no figure, alone or subtracted from another, covers fewer than the
/// minimum group size. Units are folded into atoms of at least the minimum (a smaller unit is counted in
/// the row of the unit above it), and every unit, department and sub-unit figure is a sum of whole atoms,
/// so any difference between figures is one too. Waves and each wave's rollout groups fold the same way.
/// Built once per figures and minimum (<see cref="DashboardFigures.ForLeaders"/>).
/// </summary>
public sealed class LeaderView
{
    public required int MinimumGroupSize { get; init; }

    /// <summary>The programme as a whole is smaller than the minimum: leaders see no figures of it.</summary>
    public required bool TooFewPeople { get; init; }

    public required Dictionary<OnboardingStage, int> Funnel { get; init; }
    public required List<WaveRow> Waves { get; init; }
    public required OtherWaves? OtherWaves { get; init; }
    public required List<GroupRow> Groups { get; init; }

    /// <summary>The atoms, with their figures in full; what leaders see of them is <see cref="Units"/>.</summary>
    public required List<UnitRow> Atoms { get; init; }

    /// <summary>The units table: the atoms, lagging first.</summary>
    public required List<UnitRow> Units { get; init; }
    public required List<UnitRow> Departments { get; init; }
    public required List<AdoptionSnapshot> Trend { get; init; }
    public required List<(Wave Wave, List<(int Week, double Trained)> Weeks)> WaveComparison { get; init; }

    /// <summary>Units not shown on their own, counted in a row above them.</summary>
    public int FoldedUnits => Atoms.Sum(a => a.Folded?.Units ?? 0);

    public int FoldedUnitsUnder(string path) => Atoms.Where(a => Within(a.Path, path)).Sum(a => a.Folded?.Units ?? 0);

    public bool HasSubUnits(string path) => Atoms.Any(a => a.Path.StartsWith(path + "/", StringComparison.Ordinal));

    /// <summary>The areas directly below <paramref name="path"/>, each a sum of whole atoms.</summary>
    public List<UnitRow> SubUnits(string path) => Shown(UnitRow.ChildrenOf(path, Atoms), MinimumGroupSize);

    private static bool Within(string path, string area) => path == area || path.StartsWith(area + "/", StringComparison.Ordinal);

    public static LeaderView Of(DashboardFigures figures, int minimum)
    {
        bool Small(int people) => people > 0 && people < minimum;
        if (Small(figures.People))
        {
            return new LeaderView
            {
                MinimumGroupSize = minimum, TooFewPeople = true, Funnel = [], Waves = [], OtherWaves = null, Groups = [],
                Atoms = [], Units = [], Departments = [], Trend = [], WaveComparison = [],
            };
        }
        var (waves, otherWaves) = FoldWaves(figures.Waves, minimum);
        var atoms = FoldUnits(figures.Units, minimum);
        var roots = atoms.Where(a => a.Path.Length > 0).Select(a => a.Path.Split('/')[0]).Distinct();
        var departments = roots.SelectMany(root => UnitRow.ChildrenOf(root, atoms)).Concat(atoms.Where(a => a.Path.Length == 0)).ToList();
        var shownWaves = waves.Select(w => w.Wave.Id).ToHashSet();
        return new LeaderView
        {
            MinimumGroupSize = minimum,
            TooFewPeople = false,
            Funnel = figures.Funnel,
            Waves = waves,
            OtherWaves = otherWaves,
            Groups = FoldGroups(waves, figures.Groups, minimum),
            Atoms = atoms,
            Units = Shown(atoms, minimum),
            Departments = Shown(departments, minimum),
            Trend = figures.Trend.Where(s => !Small(s.Members)).ToList(),
            WaveComparison = figures.WaveComparison.Where(c => shownWaves.Contains(c.Wave.Id)).ToList(),
        };
    }

    /// <summary>
    /// Rows as leaders see them, lagging first: the trained share in started waves only when the people in
    /// started waves, and the rest, are each none or at least the minimum (it is a part of the row).
    /// </summary>
    private static List<UnitRow> Shown(IEnumerable<UnitRow> rows, int minimum) =>
        UnitRow.LaggingFirst(rows.Select(row =>
        {
            var started = row.Started.Values.Sum();
            var rest = row.People - started;
            return started >= minimum && (rest == 0 || rest >= minimum) ? row : row with { Started = [] };
        }));

    private sealed class Atom(string path)
    {
        public string Path { get; } = path;
        public List<UnitRow> Units { get; } = [];
        public int People { get; private set; }

        public void Add(IEnumerable<UnitRow> units)
        {
            foreach (var unit in units)
            {
                Units.Add(unit);
                People += unit.People;
            }
        }
    }

    /// <summary>
    /// The units folded bottom-up into atoms of none or at least <paramref name="minimum"/> people. In each
    /// area, a child area smaller than the minimum is counted in the area's own row; if that row is still
    /// smaller, the smallest other child joins it until it is large enough (or the area as a whole is small,
    /// and folds into the area above it). Small top-level areas fold into one row of path "" (other units),
    /// which takes in the smallest other atoms while it is still small.
    /// </summary>
    public static List<UnitRow> FoldUnits(IReadOnlyCollection<UnitRow> units, int minimum)
    {
        var own = units.ToLookup(u => u.Path);
        var children = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var path in own.Select(g => g.Key))
        {
            var parent = "";
            for (var end = path.IndexOf('/'); parent != path; end = end < 0 ? -1 : path.IndexOf('/', end + 1))
            {
                var area = end < 0 ? path : path[..end];
                if (!children.TryGetValue(parent, out var below))
                {
                    children[parent] = below = new(StringComparer.Ordinal);
                }
                below.Add(area);
                parent = area;
            }
        }

        List<Atom> Fold(string path)
        {
            var row = new Atom(path);
            row.Add(own[path]);
            var rest = new List<(List<Atom> Atoms, int People)>();
            foreach (var child in children.GetValueOrDefault(path, []).Select(Fold))
            {
                var people = child.Sum(a => a.People);
                if (people > 0 && people < minimum)
                {
                    row.Add(child.SelectMany(a => a.Units));
                }
                else
                {
                    rest.Add((child, people));
                }
            }
            if (path.Length == 0)
            {
                // Other units take in the smallest unit rows rather than a whole company: with one large company, that would be all of it.
                rest = rest.SelectMany(c => c.Atoms.Select(a => (new List<Atom> { a }, a.People))).ToList();
            }
            while (row.People > 0 && row.People < minimum && rest.Where(c => c.People > 0).OrderBy(c => c.People).FirstOrDefault() is { Atoms: not null } smallest)
            {
                rest.Remove(smallest);
                row.Add(smallest.Atoms.SelectMany(a => a.Units));
            }
            return [.. row.Units.Count > 0 ? [row] : Array.Empty<Atom>(), .. rest.SelectMany(c => c.Atoms)];
        }

        return Fold("").Select(atom => atom.Units is [var single] && single.Path == atom.Path
                ? single
                : UnitRow.Combine(atom.Path, atom.Units, false) with { Folded = new(atom.Units.Count(u => u.Path != atom.Path), atom.Units.Any(u => u.Path == atom.Path)) })
            .ToList();
    }

    /// <summary>Waves smaller than the minimum, counted as one row; the smallest other waves join it while it is still smaller.</summary>
    public static (List<WaveRow> Shown, OtherWaves? Other) FoldWaves(IReadOnlyList<WaveRow> waves, int minimum)
    {
        var folded = waves.Where(w => w.People > 0 && w.People < minimum).ToList();
        var shown = waves.Except(folded).ToList();
        while (folded.Sum(w => w.People) is > 0 and var people && people < minimum && shown.Where(w => w.People > 0).OrderBy(w => w.People).FirstOrDefault() is { } smallest)
        {
            shown.Remove(smallest);
            folded.Add(smallest);
        }
        return (shown, folded.Count == 0 ? null : new OtherWaves(folded.OrderBy(w => w.Wave.Order).Select(w => w.Wave).ToList(), DashboardFigures.Sum(folded.Select(w => w.Funnel))));
    }

    /// <summary>
    /// Per shown wave, its rollout groups, with the groups smaller than the minimum counted as one row — and
    /// its people in no group with them when those are fewer than the minimum (the wave minus its groups
    /// would show them) or the row is still small; then the smallest other groups join it. A wave whose
    /// groups cannot be shown so shows none.
    /// </summary>
    public static List<GroupRow> FoldGroups(IReadOnlyList<WaveRow> waves, IReadOnlyList<GroupRow> groups, int minimum)
    {
        bool Small(int people) => people > 0 && people < minimum;
        var rows = new List<GroupRow>();
        foreach (var wave in waves)
        {
            var ofWave = groups.Where(g => g.Wave.Id == wave.Wave.Id).ToList();
            if (ofWave.Count == 0)
            {
                continue;
            }
            var ungrouped = Enum.GetValues<OnboardingStage>().ToDictionary(s => s, s => wave.Funnel.GetValueOrDefault(s) - ofWave.Sum(g => g.Funnel.GetValueOrDefault(s)));
            var ungroupedPeople = ungrouped.Values.Sum();
            var folded = ofWave.Where(g => Small(g.People)).ToList();
            var shown = ofWave.Except(folded).ToList();
            var withUngrouped = Small(ungroupedPeople);
            int Other() => folded.Sum(g => g.People) + (withUngrouped ? ungroupedPeople : 0);
            // The people in no group are no row of their own: counting them in costs no row a leader sees.
            withUngrouped |= Small(Other());
            while (Small(Other()) && shown.OrderBy(g => g.People).FirstOrDefault() is { } smallest)
            {
                shown.Remove(smallest);
                folded.Add(smallest);
            }
            if (shown.Count == 0)
            {
                continue;
            }
            rows.AddRange(shown);
            if (Other() > 0)
            {
                var funnel = DashboardFigures.Sum(folded.Select(g => g.Funnel).Concat(withUngrouped ? [ungrouped] : []));
                rows.Add(new GroupRow(0, wave.Wave, "", funnel, folded.Count, withUngrouped));
            }
        }
        return rows.OrderBy(g => g.TrainedShare).ThenBy(g => g.Wave.Order).ThenBy(g => g.IsFolded).ThenBy(g => g.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>A unit row's name: its path, or what a folded row counts.</summary>
    public static string Label(IStringLocalizer l, UnitRow row) => row.Folded switch
    {
        null => row.Path,
        { } folded when row.Path.Length == 0 => l["Other units (together: {0})", folded.Units],
        { WithOwnPeople: true } folded => l["{0} (own people and smaller units: {1})", row.Path, folded.Units],
        var folded => l["{0} (smaller units together: {1})", row.Path, folded.Units],
    };

    public static string Label(IStringLocalizer l, GroupRow row) => row switch
    {
        { IsFolded: false } => row.Name,
        { FoldedGroups: 0 } => l["People in no rollout group"],
        { WithUngrouped: true } => l["Other rollout groups ({0}) and people in no rollout group", row.FoldedGroups],
        _ => l["Other rollout groups (together: {0})", row.FoldedGroups],
    };

    public static string Label(IStringLocalizer l, OtherWaves other) => l["Other waves: {0}", string.Join(", ", other.Waves.Select(w => w.Name))];
}
