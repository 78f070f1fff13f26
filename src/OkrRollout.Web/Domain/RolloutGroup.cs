namespace OkrRollout.Web.Domain;

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
