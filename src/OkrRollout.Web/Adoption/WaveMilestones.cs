using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Adoption;

/// <summary>Measures a wave's exit milestone from its members' stage counts (the rule itself is <see cref="MilestoneRules"/>).</summary>
public static class WaveMilestones
{
    /// <param name="members">The wave's <see cref="StageRollup"/> rows.</param>
    public static MilestoneProgress Measure(Wave wave, IReadOnlyCollection<StageRollup> members, DateOnly today)
    {
        var (reached, total) = wave.MilestoneCriterion switch
        {
            MilestoneCriterion.ShareTrained => (members.Where(m => m.Stage >= OnboardingStage.Trained).Sum(m => m.People), members.Sum(m => m.People)),
            MilestoneCriterion.AllLeadsAligned => (members.Where(m => m.IsLead && m.Stage >= OnboardingStage.Aligned).Sum(m => m.People), members.Where(m => m.IsLead).Sum(m => m.People)),
            MilestoneCriterion.ShareTeamsPractising => (members.Where(m => m.Stage == OnboardingStage.Practising).Select(m => m.UnitId).Distinct().Count(), members.Select(m => m.UnitId).Distinct().Count()),
            _ => (0, 0),
        };
        return MilestoneRules.Measure(wave.MilestoneCriterion, wave.MilestoneThreshold, reached, total, wave.ActualStart, wave.MilestoneTargetDate, today);
    }
}
