namespace OkrRollout.Web.Domain;

/// <summary>
/// Precomputed: how many of a programme's wave members in one unit, wave and rollout group (leads
/// counted apart) stand at one stage. The dashboard, wave page and timeline read these instead of
/// deriving every person's stage per request; <see cref="Adoption.StageRollups"/> keeps them fresh.
/// </summary>
public class StageRollup
{
    public long Id { get; set; }
    public int ProgrammeId { get; set; }
    public int UnitId { get; set; }
    public int WaveId { get; set; }
    public int? RolloutGroupId { get; set; }
    public bool IsLead { get; set; }
    public OnboardingStage Stage { get; set; }
    public int People { get; set; }
}
