namespace OkrRollout.Web.Domain;

/// <summary>
/// Precomputed: how many of a programme's wave members in one unit, wave and rollout group (leads
/// counted apart) stand at one stage. The dashboard, wave page and timeline read these instead of
/// deriving every person's stage per request; <see cref="Rollout.StageRollups"/> keeps them fresh.
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

/// <summary>Precomputed per unit: its people's attendance and no-shows, and its key results' latest check-ins in the current period.</summary>
public class UnitActivityRollup
{
    public int UnitId { get; set; }
    public int Attended { get; set; }
    public int NoShows { get; set; }
    public bool HasKeyResults { get; set; }
    public DateOnly? LastCheckIn { get; set; }
    public double? AverageConfidence { get; set; }
}

/// <summary>
/// A fact behind the stages changed: the unit whose roll-ups are out of date, or — with no unit —
/// only names, plans or snapshots changed, so cached figures are stale; <see cref="Everything"/> asks for all.
/// </summary>
public class StageFactChange
{
    public long Id { get; set; }
    public int? UnitId { get; set; }
    public bool Everything { get; set; }
}

/// <summary>The one row saying which day the roll-ups were computed for and a version that changes with every refresh.</summary>
public class RollupState
{
    public int Id { get; set; }
    public long Version { get; set; }
    public DateOnly ComputedOn { get; set; }
}
