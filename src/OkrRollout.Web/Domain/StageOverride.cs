namespace OkrRollout.Web.Domain;

/// <summary>An ambassador's correction of a person's stage, with the reason; audited.</summary>
public class StageOverride
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public OnboardingStage Stage { get; set; }
    public required string Reason { get; set; }
    public required string SetBy { get; set; }
    public DateTime SetAtUtc { get; set; }
}
