namespace OkrRollout.Web.Domain;

/// <summary>A measurable result. Values are doubles: SQLite cannot compare or sum decimals in SQL, and KR figures need no more.</summary>
public class KeyResult : IVersioned
{
    public int Id { get; set; }
    public int ObjectiveId { get; set; }
    public Objective Objective { get; set; } = null!;
    public required string Title { get; set; }
    public KeyResultMetric Metric { get; set; } = KeyResultMetric.Number;
    public double StartValue { get; set; }

    /// <summary>Null while the team has not settled on a target (a quality hint, not an error).</summary>
    public double? TargetValue { get; set; }
    public double CurrentValue { get; set; }
    public string UnitLabel { get; set; } = "";
    public int? OwnerId { get; set; }
    public Person? Owner { get; set; }
    public List<KeyResultContributor> Contributors { get; } = [];
    public List<CheckIn> CheckIns { get; } = [];
    public int Version { get; set; }

    public double Progress => OkrProgress.Of(Metric, StartValue, TargetValue, CurrentValue);
}

public enum KeyResultMetric
{
    Number,
    Percent,
    Milestone,
}
