using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Rollout;

/// <summary>Measures a wave's exit milestone from its members' derived stages (the rule itself is <see cref="MilestoneRules"/>).</summary>
public static class WaveMilestones
{
    public static MilestoneProgress Measure(Wave wave, IReadOnlyCollection<PersonStage> members, IReadOnlySet<int> leads, DateOnly today)
    {
        var (reached, total) = wave.MilestoneCriterion switch
        {
            MilestoneCriterion.ShareTrained => (members.Count(m => m.Stage >= OnboardingStage.Trained), members.Count),
            MilestoneCriterion.AllLeadsAligned => (members.Count(m => leads.Contains(m.PersonId) && m.Stage >= OnboardingStage.Aligned), members.Count(m => leads.Contains(m.PersonId))),
            MilestoneCriterion.ShareTeamsPractising => (members.GroupBy(m => m.UnitId).Count(t => t.Any(m => m.Stage == OnboardingStage.Practising)), members.Select(m => m.UnitId).Distinct().Count()),
            _ => (0, 0),
        };
        return MilestoneRules.Measure(wave.MilestoneCriterion, wave.MilestoneThreshold, reached, total, wave.ActualStart, wave.MilestoneTargetDate, today);
    }
}
