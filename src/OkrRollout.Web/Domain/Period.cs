namespace OkrRollout.Web.Domain;

/// <summary>An execution period (Kela: four months; any length, even a couple of weeks).</summary>
public class Period
{
    public int Id { get; set; }
    public int CycleId { get; set; }
    public Cycle Cycle { get; set; } = null!;
    public required string Name { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }

    public PeriodState StateOn(DateOnly today) =>
        today < StartDate ? PeriodState.Upcoming : today > EndDate ? PeriodState.Closed : PeriodState.Current;
}

public enum PeriodState
{
    Upcoming,
    Current,
    Closed,
}
