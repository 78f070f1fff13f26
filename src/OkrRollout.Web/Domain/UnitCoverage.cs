namespace OkrRollout.Web.Domain;

/// <summary>A unit an ambassador or coach looks after; it covers the unit's sub-units too.</summary>
public class UnitCoverage
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public Programme Programme { get; set; } = null!;
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public int UnitId { get; set; }
    public OrgUnit Unit { get; set; } = null!;
}
