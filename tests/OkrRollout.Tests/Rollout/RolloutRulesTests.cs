using OkrRollout.Web.Domain;
using OkrRollout.Web.Pages.Programmes;
using OkrRollout.Web.Rollout;

namespace OkrRollout.Tests.Rollout;

public class RolloutRulesTests
{
    private static List<GroupCandidate> People(params (string Unit, int Count)[] units)
    {
        var id = 0;
        return units.SelectMany(u => Enumerable.Range(0, u.Count).Select(_ => new GroupCandidate(++id, u.Unit))).ToList();
    }

    [Theory]
    [InlineData(13, 6, new[] { 5, 4, 4 })]
    [InlineData(12, 6, new[] { 6, 6 })]
    [InlineData(5, 6, new[] { 5 })]
    [InlineData(7, 6, new[] { 4, 3 })]
    [InlineData(3, 1, new[] { 1, 1, 1 })]
    public void Splits_into_the_fewest_groups_of_even_size_none_over_the_limit(int people, int size, int[] expected)
    {
        var groups = RolloutGroupSplitter.Split(People(("Org/A", people)), size);

        Assert.Equal(expected, groups.Select(g => g.Count));
    }

    [Fact]
    public void Keeps_colleagues_of_a_unit_together_where_the_sizes_allow()
    {
        var groups = RolloutGroupSplitter.Split(People(("Org/B", 4), ("Org/A", 4), ("Org/C", 4)), 6);

        Assert.Equal(2, groups.Count);
        Assert.All(groups, g => Assert.Equal(6, g.Count));
        Assert.Equal(["Org/A", "Org/B"], groups[0].Select(p => p.UnitPath).Distinct());
        Assert.Equal(["Org/B", "Org/C"], groups[1].Select(p => p.UnitPath).Distinct());
        Assert.Equal(12, groups.SelectMany(g => g).Select(p => p.PersonId).Distinct().Count());
    }

    [Fact]
    public void Nobody_to_split_gives_no_groups()
    {
        Assert.Empty(RolloutGroupSplitter.Split([], 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => RolloutGroupSplitter.Split(People(("Org", 1)), 0));
    }

    [Theory]
    [InlineData(0, 0, GroupSizeProblem.OutOfRange)]
    [InlineData(1, 0, null)]
    [InlineData(50, 0, null)]
    [InlineData(51, 0, GroupSizeProblem.OutOfRange)]
    [InlineData(5, 6, GroupSizeProblem.BelowMembers)]
    [InlineData(6, 6, null)]
    public void A_rollout_group_takes_one_to_fifty_people_and_never_fewer_than_it_has(int size, int members, GroupSizeProblem? expected) =>
        Assert.Equal(expected, RolloutGroup.WhyNotSize(size, members));

    [Fact]
    public void Coverage_is_inherited_from_units_above_and_gaps_are_flagged()
    {
        CoverageUnit[] units = [new(1, null, "Org", "Org", 0), new(2, 1, "Sales", "Org/Sales", 1), new(3, 2, "North", "Org/Sales/North", 2), new(4, 1, "Plant", "Org/Plant", 1)];
        var coaches = new[] { (Unit: 2, Name: "Kaisa"), (Unit: 3, Name: "Sanna") }.ToLookup(c => c.Unit, c => c.Name);

        var lines = CoverageMap.Build(units, coaches).ToDictionary(l => l.Unit.NamePath);

        Assert.True(lines["Org"].Uncovered);
        Assert.Equal(["Kaisa"], lines["Org/Sales"].Direct);
        Assert.Equal(["Sanna"], lines["Org/Sales/North"].Direct);
        Assert.Equal(["Kaisa"], lines["Org/Sales/North"].Inherited);
        Assert.True(lines["Org/Plant"].Uncovered);
    }

    [Fact]
    public void Wave_state_follows_the_actual_dates()
    {
        var today = new DateOnly(2026, 11, 21);
        Assert.Equal(WaveState.Planned, new Wave { Name = "w" }.StateOn(today));
        Assert.Equal(WaveState.Planned, new Wave { Name = "w", ActualStart = today.AddDays(1) }.StateOn(today));
        Assert.Equal(WaveState.Running, new Wave { Name = "w", ActualStart = today }.StateOn(today));
        Assert.Equal(WaveState.Done, new Wave { Name = "w", ActualStart = today.AddDays(-30), ActualEnd = today.AddDays(-1) }.StateOn(today));
    }

    [Fact]
    public void Timeline_maps_dates_onto_the_plot_and_runs_actual_bars_to_today()
    {
        var programme = new Programme { Name = "p", StartDate = new(2026, 9, 1), TargetDate = new(2026, 12, 31) };
        var running = new Wave { Name = "w", PlannedStart = new(2026, 10, 1), PlannedEnd = new(2026, 10, 31), ActualStart = new(2026, 10, 5) };
        var chart = TimelineChart.For(programme, [running], new DateOnly(2026, 11, 1));

        Assert.Equal(new DateOnly(2026, 9, 1), chart.From);
        Assert.Equal(new DateOnly(2027, 1, 1), chart.To);
        Assert.Equal(TimelineChart.LabelWidth, chart.X(chart.From));
        Assert.Equal(TimelineChart.PlotRight, chart.X(chart.To));
        Assert.True(chart.X(new DateOnly(2026, 10, 1)) < chart.X(new DateOnly(2026, 10, 31)));
        Assert.Equal(new DateOnly(2026, 11, 1), chart.ActualEnd(running));
        Assert.Equal(4, chart.MonthStarts().Count());
        Assert.True(chart.ShowsToday);
    }
}
