namespace OkrRollout.Web.Domain;

/// <summary>An annual OKR cycle, divided into execution periods.</summary>
public class Cycle
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public List<Period> Periods { get; } = [];
}
