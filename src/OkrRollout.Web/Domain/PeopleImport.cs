namespace OkrRollout.Web.Domain;

/// <summary>
/// An uploaded HR export waiting for the ambassador's confirmation, and afterwards the record of
/// what it did. The file is kept in the database so the confirm step works on any app instance.
/// </summary>
public class PeopleImport
{
    public Guid Id { get; set; }
    public required string FileName { get; set; }
    public required byte[] Content { get; set; }
    public bool DeactivateMissing { get; set; }
    public required string UploadedBy { get; set; }
    public DateTime UploadedAtUtc { get; set; }
    public PeopleImportStatus Status { get; set; }
    public int Added { get; set; }
    public int Updated { get; set; }
    public int Deactivated { get; set; }
    public DateTime? FinishedAtUtc { get; set; }
    public string? Error { get; set; }
}

public enum PeopleImportStatus
{
    Previewed,
    Running,
    Completed,
    Failed,
}
