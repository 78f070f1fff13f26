namespace OkrRollout.Web.Domain;

/// <summary>What a wave's exit milestone measures.</summary>
public enum MilestoneCriterion
{
    None,
    ShareTrained,
    AllLeadsAligned,
    ShareTeamsPractising,
}

public enum MilestoneOutlook
{
    NotMeasured,
    Met,
    OnTrack,
    Behind,
    Missed,

    /// <summary>The wave has not started: nothing to be behind on yet.</summary>
    NotStarted,
}

public sealed record MilestoneProgress(double Current, double Target, MilestoneOutlook Outlook, double? Projected);

/// <summary>The programme at a glance, from its started waves' exit milestones.</summary>
public enum PlanVerdict
{
    NotMeasured,
    OnPlan,
    BehindPlan,
}

/// <summary>
/// A wave's exit milestone, measured: the share reached against the target, and whether it will be
/// reached by the due date at the pace since the wave actually started (a straight line).
/// </summary>
public static class MilestoneRules
{
    /// <summary>On plan when every measured milestone of a started wave is met or on track; behind when any is behind or missed.</summary>
    public static PlanVerdict Verdict(IEnumerable<MilestoneOutlook> startedWaves)
    {
        var measured = startedWaves.Where(o => o is not (MilestoneOutlook.NotMeasured or MilestoneOutlook.NotStarted)).ToList();
        return measured.Count == 0 ? PlanVerdict.NotMeasured
            : measured.Any(o => o is MilestoneOutlook.Behind or MilestoneOutlook.Missed) ? PlanVerdict.BehindPlan
            : PlanVerdict.OnPlan;
    }

    public static double TargetShare(MilestoneCriterion criterion, int thresholdPercent) =>
        criterion == MilestoneCriterion.AllLeadsAligned ? 1.0 : Math.Clamp(thresholdPercent, 1, 100) / 100.0;

    /// <param name="reached">People (or teams, or leads) that meet the criterion now.</param>
    /// <param name="total">All of them in the wave.</param>
    public static MilestoneProgress Measure(MilestoneCriterion criterion, int thresholdPercent, int reached, int total, DateOnly? actualStart, DateOnly? due, DateOnly today)
    {
        if (criterion == MilestoneCriterion.None || total == 0)
        {
            return new MilestoneProgress(0, 0, MilestoneOutlook.NotMeasured, null);
        }
        var target = TargetShare(criterion, thresholdPercent);
        var current = (double)reached / total;
        if (current >= target)
        {
            return new MilestoneProgress(current, target, MilestoneOutlook.Met, current);
        }
        if (due is { } dueDate && today > dueDate)
        {
            return new MilestoneProgress(current, target, MilestoneOutlook.Missed, current);
        }
        if (actualStart is not { } start || today < start)
        {
            return new MilestoneProgress(current, target, MilestoneOutlook.NotStarted, null);
        }
        if (due is null)
        {
            return new MilestoneProgress(current, target, MilestoneOutlook.Behind, null);
        }
        // Its first day counts as one, so a wave that started today has a forecast too.
        var elapsed = Math.Max(1, today.DayNumber - start.DayNumber);
        var span = Math.Max(1, due.Value.DayNumber - start.DayNumber);
        var projected = Math.Min(1, current / elapsed * span);
        return new MilestoneProgress(current, target, projected >= target ? MilestoneOutlook.OnTrack : MilestoneOutlook.Behind, projected);
    }
}
