namespace OkrRollout.Web.Domain;

/// <summary>The one-question pulse after a session: how useful was it (1–5), and an optional comment.</summary>
public class SessionFeedback
{
    public long Id { get; set; }
    public int SessionId { get; set; }
    public TrainingSession Session { get; set; } = null!;
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public int Score { get; set; }
    public string Comment { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
}
