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
}
