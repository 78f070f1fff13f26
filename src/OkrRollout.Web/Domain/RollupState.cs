namespace OkrRollout.Web.Domain;

/// <summary>The one row saying which day the roll-ups were computed for and a version that changes with every refresh.</summary>
public class RollupState
{
    public int Id { get; set; }
    public long Version { get; set; }
    public DateOnly ComputedOn { get; set; }
}
