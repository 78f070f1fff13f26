namespace OkrRollout.Web.Domain;

/// <summary>An ordered phase of a programme.</summary>
public class Wave
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public Programme Programme { get; set; } = null!;
    public int Order { get; set; }
    public required string Name { get; set; }
    public WaveKind Kind { get; set; }
    public string Description { get; set; } = "";
    public DateOnly PlannedStart { get; set; }
    public DateOnly PlannedEnd { get; set; }
    public DateOnly? ActualStart { get; set; }
    public DateOnly? ActualEnd { get; set; }
    public string ExitMilestone { get; set; } = "";
    public DateOnly? MilestoneTargetDate { get; set; }
    public List<RolloutGroup> Groups { get; } = [];
    public List<WaveMember> Members { get; } = [];

    /// <summary>Optimistic concurrency: bumped on every save so a second editor is told the wave changed.</summary>
    public int Version { get; set; }
}

public enum WaveKind
{
    Pilot,
    Wave,
    CompanyWide,
}

/// <summary>People trained together inside a wave, with a facilitator.</summary>
public class RolloutGroup
{
    public int Id { get; set; }
    public int WaveId { get; set; }
    public Wave Wave { get; set; } = null!;
    public required string Name { get; set; }
    public int? FacilitatorId { get; set; }
    public Person? Facilitator { get; set; }
}

/// <summary>A person's place in a programme: at most one wave per programme, optionally a group.</summary>
public class WaveMember
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public Programme Programme { get; set; } = null!;
    public int WaveId { get; set; }
    public Wave Wave { get; set; } = null!;
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public int? RolloutGroupId { get; set; }
    public RolloutGroup? RolloutGroup { get; set; }
}
