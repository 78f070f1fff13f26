namespace OkrRollout.Web.Domain;

/// <summary>A team asks for a team-level OKR session (Proemion trained only the teams that asked).</summary>
public class TrainingRequest
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public Programme Programme { get; set; } = null!;
    public int RequestedById { get; set; }
    public Person RequestedBy { get; set; } = null!;
    public int UnitId { get; set; }
    public OrgUnit Unit { get; set; } = null!;
    public Language Language { get; set; }

    /// <summary>The kind of session the team asks for.</summary>
    public SessionKind Kind { get; set; } = SessionKind.OkrBasics;
    public string Message { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public TrainingRequestStatus Status { get; set; } = TrainingRequestStatus.Open;
    public string? DeclineReason { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
}

public enum TrainingRequestStatus
{
    Open,
    Scheduled,
    Declined,
}
