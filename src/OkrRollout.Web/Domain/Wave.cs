namespace OkrRollout.Web.Domain;

/// <summary>An ordered phase of a programme.</summary>
public class Wave : IVersioned
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

    /// <summary>How the exit milestone is measured, and the share (percent) it needs where that applies.</summary>
    public MilestoneCriterion MilestoneCriterion { get; set; }
    public int MilestoneThreshold { get; set; } = 80;
    public List<RolloutGroup> Groups { get; } = [];
    public List<WaveMember> Members { get; } = [];

    /// <summary>Optimistic concurrency: bumped on every save so a second editor is told the wave changed.</summary>
    public int Version { get; set; }

    /// <summary>Done once it has ended, running once it has started, otherwise planned.</summary>
    public WaveState StateOn(DateOnly today) =>
        ActualEnd is { } end && end <= today ? WaveState.Done
        : ActualStart is { } start && start <= today ? WaveState.Running
        : WaveState.Planned;
}

public enum WaveState
{
    Planned,
    Running,
    Done,
}

public enum WaveKind
{
    Pilot,
    Wave,
    CompanyWide,
}
