namespace OkrRollout.Web.Domain;

/// <summary>How far a person has come with OKRs, derived from facts and never typed in twice.</summary>
public enum OnboardingStage
{
    NotStarted,
    Invited,
    Trained,
    Drafting,
    Aligned,
    Practising,
}

/// <summary>The facts a person's stage follows from: their own training, and their team's OKRs in the current period.</summary>
public sealed record StageFacts(bool InvitedToCoreSession, bool AttendedCoreSession, bool TeamHasDraftObjective, bool TeamHasAlignedPublishedObjective, DateOnly? LastTeamCheckIn);

/// <summary>
/// The one place the onboarding stage is derived: invited to a core session → attended one →
/// their team has a draft objective in the current period → a published objective aligned to a
/// parent → a check-in on the team's key results within the programme's window (14 days by
/// default). The team stages count only for people who were trained: the funnel is a ladder.
/// A manual override (trained elsewhere, on leave) wins, and is shown as such.
/// </summary>
public static class OnboardingStages
{
    public const int DefaultPractisingDays = 14;

    public static OnboardingStage Derive(StageFacts facts, DateOnly today, int practisingDays = DefaultPractisingDays)
    {
        if (!facts.AttendedCoreSession)
        {
            return facts.InvitedToCoreSession ? OnboardingStage.Invited : OnboardingStage.NotStarted;
        }
        if (facts.TeamHasAlignedPublishedObjective)
        {
            return facts.LastTeamCheckIn is { } last && last > today.AddDays(-practisingDays) ? OnboardingStage.Practising : OnboardingStage.Aligned;
        }
        return facts.TeamHasDraftObjective ? OnboardingStage.Drafting : OnboardingStage.Trained;
    }

    public static OnboardingStage Effective(OnboardingStage derived, OnboardingStage? overridden) => overridden ?? derived;
}
