namespace OkrRollout.Web.Domain;

/// <summary>A weekly check-in: where are we (value), how sure are we (confidence 0–10), and a note.</summary>
public class CheckIn
{
    public const int MaxConfidence = 10;

    public long Id { get; set; }
    public int KeyResultId { get; set; }
    public KeyResult KeyResult { get; set; } = null!;
    public int? PersonId { get; set; }
    public Person? Person { get; set; }
    public DateOnly Date { get; set; }
    public double Value { get; set; }
    public int Confidence { get; set; }
    public string Note { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
}
