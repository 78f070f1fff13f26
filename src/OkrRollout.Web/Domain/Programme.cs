namespace OkrRollout.Web.Domain;

/// <summary>The adoption project: why OKRs, who sponsors it, and its phases.</summary>
public class Programme
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Why OKRs, in English.</summary>
    public string Why { get; set; } = "";

    /// <summary>Why OKRs, in Finnish.</summary>
    public string WhyFi { get; set; } = "";
    public RolloutApproach Approach { get; set; } = RolloutApproach.PilotThenWaves;
    public int? SponsorId { get; set; }
    public Person? Sponsor { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly TargetDate { get; set; }

    /// <summary>A trained person counts as practising while their team has checked in within this many days.</summary>
    public int PractisingWithinDays { get; set; } = OnboardingStages.DefaultPractisingDays;
    public List<Wave> Waves { get; } = [];

    /// <summary>The why in a reader's language, or in the other one when it is written only in that.</summary>
    public string WhyIn(Language language) => WhyOf(Why, WhyFi, language);

    public static string WhyOf(string english, string finnish, Language language) =>
        language == Language.Fi ? (finnish.Length > 0 ? finnish : english) : (english.Length > 0 ? english : finnish);
    public List<ProgrammeRole> Roles { get; } = [];
}

public enum RolloutApproach
{
    PilotThenWaves,
    BigBang,
}
