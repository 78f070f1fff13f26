using OkrRollout.Web.Seeding;
using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Domain;

public class MilestoneRulesTests
{
    private static readonly DateOnly Start = new(2026, 11, 2);
    private static readonly DateOnly Due = new(2026, 11, 27);

    [Fact]
    public void A_milestone_that_is_reached_is_met()
    {
        var progress = MilestoneRules.Measure(MilestoneCriterion.ShareTrained, 80, 9, 10, Start, Due, new(2026, 11, 10));
        Assert.Equal((MilestoneOutlook.Met, 0.9, 0.8), (progress.Outlook, progress.Current, progress.Target));
    }

    [Fact]
    public void The_pace_since_the_start_tells_whether_it_will_be_made()
    {
        // 10 of 25 days gone: 5 of 10 trained → 50 % so far, 125 % projected: on track.
        Assert.Equal(MilestoneOutlook.OnTrack, MilestoneRules.Measure(MilestoneCriterion.ShareTrained, 80, 5, 10, Start, Due, Start.AddDays(10)).Outlook);
        // 20 of 25 days gone: 4 of 10 → 50 % projected: behind.
        var behind = MilestoneRules.Measure(MilestoneCriterion.ShareTrained, 80, 4, 10, Start, Due, Start.AddDays(20));
        Assert.Equal(MilestoneOutlook.Behind, behind.Outlook);
        Assert.Equal(0.5, behind.Projected!.Value, 6);
    }

    [Fact]
    public void After_the_due_date_an_unmet_milestone_is_missed_and_all_leads_means_all()
    {
        Assert.Equal(MilestoneOutlook.Missed, MilestoneRules.Measure(MilestoneCriterion.ShareTrained, 80, 7, 10, Start, Due, Due.AddDays(1)).Outlook);
        Assert.Equal(1.0, MilestoneRules.TargetShare(MilestoneCriterion.AllLeadsAligned, 50));
        Assert.Equal(MilestoneOutlook.Behind, MilestoneRules.Measure(MilestoneCriterion.AllLeadsAligned, 0, 11, 12, Start, Due, Due).Outlook);
        Assert.Equal(MilestoneOutlook.NotMeasured, MilestoneRules.Measure(MilestoneCriterion.None, 80, 1, 1, Start, Due, Due).Outlook);
    }

    [Fact]
    public void A_wave_that_has_not_started_is_not_started_not_behind_and_leaves_the_verdict_alone()
    {
        Assert.Equal(MilestoneOutlook.NotStarted, MilestoneRules.Measure(MilestoneCriterion.ShareTrained, 80, 0, 10, actualStart: null, Due, Start).Outlook);
        Assert.Equal(MilestoneOutlook.NotStarted, MilestoneRules.Measure(MilestoneCriterion.ShareTrained, 80, 0, 10, Start, Due, Start.AddDays(-1)).Outlook);
        // On its first day it has a forecast like any other day.
        Assert.NotNull(MilestoneRules.Measure(MilestoneCriterion.ShareTrained, 80, 1, 10, Start, Due, Start).Projected);
        Assert.Equal(PlanVerdict.OnPlan, MilestoneRules.Verdict([MilestoneOutlook.OnTrack, MilestoneOutlook.NotStarted]));
        Assert.Equal(PlanVerdict.NotMeasured, MilestoneRules.Verdict([MilestoneOutlook.NotStarted]));
    }
}

public class DemoDateShiftTests
{
    [Theory]
    [InlineData(-400)]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(365)]
    public void The_demo_moves_by_the_days_between_the_story_and_today(int daysLater)
    {
        Assert.Equal(daysLater, DemoSeeder.ShiftDays(DemoSeeder.SeedsTellTheStoryAsOf.AddDays(daysLater)));
    }

    [Theory]
    // Thursday 26 November 2026 (to come), moved 2 days: Saturday, so on to Monday.
    [InlineData("2026-11-26T09:00", 2, "2026-11-30T09:00")]
    // Moved 3 days: Sunday, on to Monday.
    [InlineData("2026-11-26T09:00", 3, "2026-11-30T09:00")]
    // Tuesday 10 November 2026 (held), moved 4 days: Saturday, back to Friday.
    [InlineData("2026-11-10T09:00", 4, "2026-11-13T09:00")]
    // Moved 5 days: Sunday, back to Friday.
    [InlineData("2026-11-10T09:00", 5, "2026-11-13T09:00")]
    [InlineData("2026-11-10T09:00", 1, "2026-11-11T09:00")]
    public void Sessions_move_with_the_demo_but_stay_off_the_weekend_and_on_their_side_of_today(string seed, int shift, string expected)
    {
        var parsed = DateTime.Parse(seed, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DemoSeeder.SessionStart(parsed, shift));
    }
}

public class PlanVerdictTests
{
    [Theory]
    [InlineData(PlanVerdict.NotMeasured)]
    [InlineData(PlanVerdict.NotMeasured, MilestoneOutlook.NotMeasured)]
    [InlineData(PlanVerdict.OnPlan, MilestoneOutlook.Met, MilestoneOutlook.OnTrack, MilestoneOutlook.NotMeasured)]
    [InlineData(PlanVerdict.BehindPlan, MilestoneOutlook.Met, MilestoneOutlook.Behind)]
    [InlineData(PlanVerdict.BehindPlan, MilestoneOutlook.Missed)]
    public void The_programme_is_on_plan_only_when_every_measured_started_wave_is_met_or_on_track(PlanVerdict expected, params MilestoneOutlook[] outlooks)
    {
        Assert.Equal(expected, MilestoneRules.Verdict(outlooks));
    }
}
