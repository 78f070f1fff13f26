namespace OkrRollout.Web.Domain;

/// <summary>Who changed what, when.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public string? EntityId { get; set; }
    public string Details { get; set; } = "";

    /// <summary>The person the change is about, when it is about one: their own record or something of theirs.</summary>
    public int? AffectedPersonId { get; set; }
}
