using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Domain;

public class OnboardingStagesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static OnboardingStage Stage(bool invited = false, bool attended = false, bool draft = false, bool aligned = false, DateOnly? checkIn = null, int days = 14) =>
        OnboardingStages.Derive(new StageFacts(invited, attended, draft, aligned, checkIn), Today, days);

    [Fact]
    public void Each_transition_follows_from_its_fact()
    {
        Assert.Equal(OnboardingStage.NotStarted, Stage());
        Assert.Equal(OnboardingStage.Invited, Stage(invited: true));
        Assert.Equal(OnboardingStage.Trained, Stage(invited: true, attended: true));
        Assert.Equal(OnboardingStage.Drafting, Stage(invited: true, attended: true, draft: true));
        Assert.Equal(OnboardingStage.Aligned, Stage(invited: true, attended: true, draft: true, aligned: true));
        Assert.Equal(OnboardingStage.Practising, Stage(invited: true, attended: true, aligned: true, checkIn: Today.AddDays(-3)));
    }

    [Fact]
    public void Practising_needs_a_check_in_within_the_window_which_the_programme_sets()
    {
        Assert.Equal(OnboardingStage.Practising, Stage(attended: true, aligned: true, checkIn: Today.AddDays(-13)));
        Assert.Equal(OnboardingStage.Aligned, Stage(attended: true, aligned: true, checkIn: Today.AddDays(-14)));
        Assert.Equal(OnboardingStage.Practising, Stage(attended: true, aligned: true, checkIn: Today.AddDays(-20), days: 28));
    }

    [Fact]
    public void Team_stages_count_only_for_people_who_were_trained()
    {
        Assert.Equal(OnboardingStage.Invited, Stage(invited: true, draft: true, aligned: true, checkIn: Today));
        Assert.Equal(OnboardingStage.NotStarted, Stage(aligned: true, checkIn: Today));
    }

    [Fact]
    public void An_override_wins()
    {
        Assert.Equal(OnboardingStage.Trained, OnboardingStages.Effective(OnboardingStage.NotStarted, OnboardingStage.Trained));
        Assert.Equal(OnboardingStage.Drafting, OnboardingStages.Effective(OnboardingStage.Drafting, null));
    }
}
