using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Domain;

public class OkrRulesTests
{
    [Fact]
    public void The_seat_rule_is_the_same_as_a_list_and_as_a_query_condition()
    {
        var condition = EnrollmentRules.TakesSeat.Compile();

        Assert.All(Enum.GetValues<EnrollmentState>(), state =>
            Assert.Equal(EnrollmentRules.SeatTaking.Contains(state), condition(new Enrollment { State = state })));
    }

    [Fact]
    public void A_decreasing_key_result_at_its_start_shows_0_not_minus_0()
    {
        var progress = OkrProgress.Of(KeyResultMetric.Number, start: 50, target: 10, current: 50);

        Assert.Equal("0.00", progress.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("0,00", progress.ToString("0.00", System.Globalization.CultureInfo.GetCultureInfo("fi-FI")));
    }

    [Theory]
    [InlineData(0, 100, 70, 0.7)]
    [InlineData(20, 40, 30, 0.5)]
    [InlineData(0, 100, 150, 1.0)]
    [InlineData(0, 100, -5, 0.0)]
    [InlineData(50, 10, 20, 0.75)]
    [InlineData(50, 10, 60, 0.0)]
    [InlineData(50, 10, 0, 1.0)]
    public void Progress_is_the_share_of_the_way_from_start_to_target_clamped(double start, double target, double current, double expected)
    {
        Assert.Equal(expected, OkrProgress.Of(KeyResultMetric.Number, start, target, current), 6);
        Assert.Equal(expected, OkrProgress.Of(KeyResultMetric.Percent, start, target, current), 6);
    }

    [Fact]
    public void A_milestone_is_done_or_not()
    {
        Assert.Equal(0, OkrProgress.Of(KeyResultMetric.Milestone, 0, 1, 0));
        Assert.Equal(1, OkrProgress.Of(KeyResultMetric.Milestone, 0, 1, 1));
        Assert.Equal(0, OkrProgress.Of(KeyResultMetric.Milestone, 0, 1, 0.9));
    }

    [Fact]
    public void Without_a_target_or_with_target_equal_to_start_there_is_no_progress()
    {
        Assert.Equal(0, OkrProgress.Of(KeyResultMetric.Number, 5, null, 9));
        Assert.Equal(0, OkrProgress.Of(KeyResultMetric.Number, 5, 5, 9));
    }

    [Fact]
    public void An_objective_is_the_mean_of_its_key_results_and_bands_follow_the_seventy_percent_rule()
    {
        Assert.Equal(0.5, OkrProgress.Mean([0.2, 0.8, 0.5]), 6);
        Assert.Equal(0, OkrProgress.Mean([]));
        Assert.Equal(ProgressBand.Green, OkrProgress.Band(0.7));
        Assert.Equal(ProgressBand.Green, OkrProgress.Band(1.0));
        Assert.Equal(ProgressBand.Yellow, OkrProgress.Band(0.69));
        Assert.Equal(ProgressBand.Yellow, OkrProgress.Band(0.4));
        Assert.Equal(ProgressBand.Red, OkrProgress.Band(0.39));
    }

    [Fact]
    public void Key_results_on_an_objective_report_their_progress()
    {
        var keyResult = new KeyResult { Title = "Teams checking in weekly", StartValue = 2, TargetValue = 12, CurrentValue = 9 };
        Assert.Equal(0.7, keyResult.Progress, 6);
    }

    [Fact]
    public void Alignment_goes_to_a_higher_level_of_the_same_period_without_cycles()
    {
        var parents = new Dictionary<int, int?> { [1] = null, [2] = 1, [3] = 2 };
        int? ParentOf(int id) => parents.GetValueOrDefault(id);

        Assert.Equal(AlignmentProblem.None, AlignmentRules.Check(childId: 4, childPeriodId: 7, childUnitDepth: 2, parentId: 2, parentPeriodId: 7, parentUnitDepth: 1, ParentOf));
        Assert.Equal(AlignmentProblem.OtherPeriod, AlignmentRules.Check(4, 7, 2, 2, 8, 1, ParentOf));
        Assert.Equal(AlignmentProblem.NotHigherLevel, AlignmentRules.Check(4, 7, 2, 3, 7, 2, ParentOf));
        Assert.Equal(AlignmentProblem.NotHigherLevel, AlignmentRules.Check(4, 7, 1, 3, 7, 2, ParentOf));
        // Re-aligning objective 1 under 3 would make 1 → 3 → 2 → 1.
        Assert.Equal(AlignmentProblem.Cycle, AlignmentRules.Check(childId: 1, 7, childUnitDepth: 3, parentId: 3, 7, parentUnitDepth: 2, ParentOf));
    }

    [Fact]
    public void Quality_hints_count_objectives_and_key_results()
    {
        Assert.Empty(QualityHints.ForUnitPeriod(5));
        Assert.Equal([QualityHint.TooManyObjectives], QualityHints.ForUnitPeriod(6));
        Assert.Equal([QualityHint.NoKeyResults], QualityHints.ForObjective(0));
        Assert.Empty(QualityHints.ForObjective(1));
        Assert.Empty(QualityHints.ForObjective(5));
        Assert.Equal([QualityHint.TooManyKeyResults], QualityHints.ForObjective(6));
    }

    [Theory]
    [InlineData("Hold an OKR workshop", KeyResultMetric.Number, 0.0, 10.0, new[] { QualityHint.ReadsLikeATask })]
    [InlineData("Järjestä koulutus tiimille", KeyResultMetric.Number, 0.0, 10.0, new[] { QualityHint.ReadsLikeATask })]
    [InlineData("Hold 12 weekly check-ins", KeyResultMetric.Number, 0.0, 12.0, new QualityHint[0])]
    [InlineData("Teams checking in weekly", KeyResultMetric.Number, 5.0, 5.0, new[] { QualityHint.TargetEqualsStart })]
    [InlineData("Customer churn", KeyResultMetric.Percent, 8.0, null, new[] { QualityHint.NoTarget })]
    [InlineData("Release 2.0 is out", KeyResultMetric.Milestone, 0.0, null, new QualityHint[0])]
    public void Key_result_hints(string title, KeyResultMetric metric, double start, double? target, QualityHint[] expected)
    {
        Assert.Equal(expected, QualityHints.ForKeyResult(title, metric, start, target));
    }

    [Fact]
    public void A_period_is_upcoming_current_or_closed()
    {
        var period = new Period { Name = "Jan–Apr", StartDate = new(2027, 1, 1), EndDate = new(2027, 4, 30) };
        Assert.Equal(PeriodState.Upcoming, period.StateOn(new(2026, 12, 31)));
        Assert.Equal(PeriodState.Current, period.StateOn(new(2027, 1, 1)));
        Assert.Equal(PeriodState.Current, period.StateOn(new(2027, 4, 30)));
        Assert.Equal(PeriodState.Closed, period.StateOn(new(2027, 5, 1)));
    }
}
