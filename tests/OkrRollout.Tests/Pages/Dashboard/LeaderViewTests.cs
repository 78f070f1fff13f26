using OkrRollout.Web.Domain;
using OkrRollout.Web.Pages.Dashboard;

namespace OkrRollout.Tests.Pages.Dashboard;

/// <summary>The folds behind a leader's dashboard, on small hand-made organisations.</summary>
public class LeaderViewTests
{
    private static int _ids;

    private static Dictionary<OnboardingStage, int> Funnel(int people, OnboardingStage stage = OnboardingStage.Invited) => new() { [stage] = people };

    private static UnitRow Unit(string path, int people) =>
        new(Interlocked.Increment(ref _ids), path, Funnel(people), new UnitActivity(0, 0, CheckInActivity.NoKeyResults, null), [], new CheckInMix(0, 0, 0));

    private static bool Within(string path, string area) => path == area || path.StartsWith(area + "/", StringComparison.Ordinal);

    /// <summary>Every figure a leader can see of the units is a sum of atoms of none or at least <paramref name="minimum"/> people, and every area minus its rows is too.</summary>
    private static void AssertNoFigureNarrows(List<UnitRow> units, List<UnitRow> atoms, int minimum)
    {
        Assert.All(atoms, a => Assert.True(a.People == 0 || a.People >= minimum, $"{a.Path}: {a.People}"));
        Assert.Equal(units.Sum(u => u.People), atoms.Sum(a => a.People));
        var areas = units.SelectMany(u => u.Path.Split('/').Select((_, i) => string.Join('/', u.Path.Split('/')[..(i + 1)]))).Distinct().ToList();
        foreach (var area in areas)
        {
            var rows = UnitRow.ChildrenOf(area, atoms);
            var shown = atoms.Where(a => Within(a.Path, area)).Sum(a => a.People);
            Assert.Equal(shown, rows.Sum(r => r.People));
            Assert.All(rows, r => Assert.True(r.People == 0 || r.People >= minimum, $"{r.Path} under {area}: {r.People}"));
            // The area's row a level up, minus the atoms a leader sees below it.
            var aboveRow = UnitRow.ChildrenOf(area.Contains('/') ? area[..area.LastIndexOf('/')] : area, atoms).FirstOrDefault(r => r.Path == area);
            if (aboveRow is not null && area.Contains('/'))
            {
                var rest = aboveRow.People - atoms.Where(a => a.Path != area && Within(a.Path, area)).Sum(a => a.People);
                Assert.True(rest == 0 || rest >= minimum, $"{area} minus its units: {rest}");
            }
        }
    }

    [Fact]
    public void A_one_person_team_is_counted_with_its_department_and_the_department_minus_its_teams_reveals_no_one()
    {
        List<UnitRow> units = [Unit("Aurora/Software/Web", 12), Unit("Aurora/Software/Mobile", 13), Unit("Aurora/Software/Data", 13), Unit("Aurora/Software/Platform", 13), Unit("Aurora/Software/Lab", 1), Unit("Aurora/Sales", 20)];

        var atoms = LeaderView.FoldUnits(units, 5);

        var software = UnitRow.ChildrenOf("Aurora", atoms).Single(r => r.Path == "Aurora/Software");
        Assert.Equal(52, software.People);
        var teams = UnitRow.ChildrenOf("Aurora/Software", atoms);
        // The lab's one person, and the smallest team to make a row of at least five, in the department's own row.
        Assert.DoesNotContain(teams, t => t.Path == "Aurora/Software/Lab");
        var own = teams.Single(t => t.Path == "Aurora/Software");
        Assert.Equal((13, new FoldedUnits(2, false)), (own.People, own.Folded));
        Assert.Equal(52, teams.Sum(t => t.People));
        AssertNoFigureNarrows(units, atoms, 5);
    }

    [Fact]
    public void A_small_department_folds_whole_into_the_company_s_own_row()
    {
        List<UnitRow> units = [Unit("Aurora", 3), Unit("Aurora/HR", 2), Unit("Aurora/HR/Payroll", 1), Unit("Aurora/Sales", 8)];

        var atoms = LeaderView.FoldUnits(units, 5);

        Assert.Equal([("Aurora", 6), ("Aurora/Sales", 8)], atoms.Select(a => (a.Path, a.People)).OrderBy(a => a.Path));
        Assert.Equal(new FoldedUnits(2, true), atoms.Single(a => a.Path == "Aurora").Folded);
        AssertNoFigureNarrows(units, atoms, 5);
    }

    [Fact]
    public void An_area_whose_own_people_are_few_takes_in_its_smallest_child_and_an_area_small_as_a_whole_folds_upwards()
    {
        List<UnitRow> units = [Unit("A/B", 2), Unit("A/B/C", 9), Unit("A/B/D", 6), Unit("A/E", 3), Unit("A/F", 30)];

        var atoms = LeaderView.FoldUnits(units, 5);

        // B's two own people take in D, its smallest child (B is 17 in all); E's three are counted in A's own row, which takes in B, smaller than F.
        Assert.Equal([("A", 20), ("A/F", 30)], atoms.Select(a => (a.Path, a.People)).OrderBy(a => a.Path));
        Assert.Equal(new FoldedUnits(4, false), atoms.Single(a => a.Path == "A").Folded);
        AssertNoFigureNarrows(units, atoms, 5);
    }

    [Fact]
    public void Small_top_level_units_fold_into_one_row_of_other_units_so_the_programme_total_reveals_none()
    {
        List<UnitRow> units = [Unit("Aurora/Sales", 40), Unit("Borealis", 2), Unit("Cirrus/Team", 1)];

        var atoms = LeaderView.FoldUnits(units, 5);

        // Borealis and Cirrus make three, still small: the smallest other top-level unit joins them.
        var other = Assert.Single(atoms);
        Assert.Equal(("", 43), (other.Path, other.People));
        units.Add(Unit("Dorado", 4));
        atoms = LeaderView.FoldUnits(units, 5);
        Assert.Equal([("", 7), ("Aurora/Sales", 40)], atoms.Select(a => (a.Path, a.People)).OrderBy(a => a.Path));
        AssertNoFigureNarrows(units, atoms, 5);

        // Still small, other units take in the smallest unit of the large company, not all of it.
        units = [Unit("Aurora/Sales", 40), Unit("Aurora/Legal", 6), Unit("Borealis", 2)];
        atoms = LeaderView.FoldUnits(units, 5);
        Assert.Equal([("", 8), ("Aurora/Sales", 40)], atoms.Select(a => (a.Path, a.People)).OrderBy(a => a.Path));
        AssertNoFigureNarrows(units, atoms, 5);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(12)]
    public void On_any_organisation_every_unit_figure_is_a_sum_of_atoms_of_at_least_the_minimum(int minimum)
    {
        var random = new Random(minimum);
        for (var organisation = 0; organisation < 200; organisation++)
        {
            var paths = new List<string> { "Root" };
            for (var i = 0; i < random.Next(1, 30); i++)
            {
                paths.Add(random.Next(6) == 0 ? $"Other{i}" : $"{paths[random.Next(paths.Count)]}/U{i}");
            }
            var units = paths.Where(_ => random.Next(4) > 0).Select(p => Unit(p, random.Next(4) == 0 ? random.Next(1, 4) : random.Next(0, 40))).ToList();

            if (units.Sum(u => u.People) < minimum)
            {
                continue; // leaders see nothing of a programme this small
            }
            var atoms = LeaderView.FoldUnits(units, minimum);

            AssertNoFigureNarrows(units, atoms, minimum);
        }
    }

    private static Wave NewWave(int id) => new() { Id = id, Name = $"Wave {id}", Order = id };

    private static WaveRow WaveOf(Wave wave, int people) => new(wave, Funnel(people), new MilestoneProgress(0, 0, MilestoneOutlook.NotMeasured, null));

    [Fact]
    public void Small_waves_fold_into_one_row_and_the_smallest_other_wave_joins_it_while_it_is_still_small()
    {
        var (shown, other) = LeaderView.FoldWaves([WaveOf(NewWave(1), 20), WaveOf(NewWave(2), 2), WaveOf(NewWave(3), 3), WaveOf(NewWave(4), 6), WaveOf(NewWave(5), 0)], 5);
        Assert.Equal([1, 4, 5], shown.Select(w => w.Wave.Id));
        Assert.Equal(5, other!.People);

        (shown, other) = LeaderView.FoldWaves([WaveOf(NewWave(1), 20), WaveOf(NewWave(2), 2), WaveOf(NewWave(3), 6)], 5);
        Assert.Equal([1], shown.Select(w => w.Wave.Id));
        Assert.Equal(("Wave 2, Wave 3", 8), (string.Join(", ", other!.Waves.Select(w => w.Name)), other.People));
    }

    [Fact]
    public void A_wave_s_small_groups_and_its_few_people_in_no_group_fold_into_one_row()
    {
        var wave = NewWave(1);
        var row = WaveOf(wave, 20);
        List<GroupRow> groups = [new(1, wave, "G1", Funnel(8)), new(2, wave, "G2", Funnel(3)), new(3, wave, "G3", Funnel(7))];

        var shown = LeaderView.FoldGroups([row], groups, 5);

        // 20 - 18 = 2 in no group: with G2 they make five.
        Assert.Equal(["G1", "G3"], shown.Where(g => !g.IsFolded).Select(g => g.Name).Order());
        var other = shown.Single(g => g.IsFolded);
        Assert.Equal((5, 1, true), (other.People, other.FoldedGroups, other.WithUngrouped));
        Assert.Equal(20, shown.Sum(g => g.People));

        // A group of two and 11 in no group: the two are counted with the 11, and G1 stays a row of its own.
        shown = LeaderView.FoldGroups([WaveOf(wave, 20)], [new(1, wave, "G1", Funnel(7)), new(2, wave, "G2", Funnel(2))], 5);
        Assert.Equal([(7, false), (13, true)], shown.Select(g => (g.People, g.IsFolded)).Order());

        // A group of two and one in no group: the group of seven joins them, and no group is left to show on its own.
        Assert.Empty(LeaderView.FoldGroups([WaveOf(wave, 10)], [new(1, wave, "G1", Funnel(7)), new(2, wave, "G2", Funnel(2))], 5));
    }
}
