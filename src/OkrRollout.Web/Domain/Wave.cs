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

/// <summary>People trained together inside a wave, with a facilitator.</summary>
public class RolloutGroup
{
    public const int DefaultSize = 6;
    public const int MinSize = 1;
    public const int MaxSize = 50;

    public int Id { get; set; }
    public int WaveId { get; set; }
    public Wave Wave { get; set; } = null!;
    public required string Name { get; set; }

    /// <summary>How many people the group takes (Proemion's pilot group of 5, then groups of 6).</summary>
    public int Size { get; set; } = DefaultSize;
    public int? FacilitatorId { get; set; }
    public Person? Facilitator { get; set; }

    /// <summary>Why a group cannot take this size: one rule for splitting a wave, adding a group and changing one.</summary>
    public static GroupSizeProblem? WhyNotSize(int size, int members = 0) =>
        size is < MinSize or > MaxSize ? GroupSizeProblem.OutOfRange
        : size < members ? GroupSizeProblem.BelowMembers
        : null;
}

public enum GroupSizeProblem
{
    OutOfRange,
    BelowMembers,
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
