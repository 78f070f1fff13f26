namespace OkrRollout.Web.Domain;

public class Objective : IVersioned
{
    public int Id { get; set; }
    public int PeriodId { get; set; }
    public Period Period { get; set; } = null!;
    public int UnitId { get; set; }
    public OrgUnit Unit { get; set; } = null!;
    public required string Title { get; set; }
    public string Why { get; set; } = "";
    public int? OwnerId { get; set; }
    public Person? Owner { get; set; }
    public ObjectiveStatus Status { get; set; } = ObjectiveStatus.Draft;

    /// <summary>Alignment: an objective of a higher level in the same period; drafts may align to drafts.</summary>
    public int? ParentId { get; set; }
    public Objective? Parent { get; set; }
    public List<KeyResult> KeyResults { get; } = [];
    public int Version { get; set; }
}

public enum ObjectiveStatus
{
    Draft,
    Published,
    Closed,
}
