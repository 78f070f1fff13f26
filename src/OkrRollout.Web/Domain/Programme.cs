namespace OkrRollout.Web.Domain;

/// <summary>The adoption project: why OKRs, who sponsors it, and its phases.</summary>
public class Programme
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string Why { get; set; } = "";
    public RolloutApproach Approach { get; set; } = RolloutApproach.PilotThenWaves;
    public int? SponsorId { get; set; }
    public Person? Sponsor { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly TargetDate { get; set; }

    /// <summary>A trained person counts as practising while their team has checked in within this many days.</summary>
    public int PractisingWithinDays { get; set; } = OnboardingStages.DefaultPractisingDays;
    public List<Wave> Waves { get; } = [];
    public List<ProgrammeRole> Roles { get; } = [];
}

public enum RolloutApproach
{
    PilotThenWaves,
    BigBang,
}
