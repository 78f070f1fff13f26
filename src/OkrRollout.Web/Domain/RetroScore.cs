namespace OkrRollout.Web.Domain;

/// <summary>The final score of one key result, 0–1, pre-filled from its progress.</summary>
public class RetroScore
{
    public int RetroId { get; set; }
    public Retro Retro { get; set; } = null!;
    public int KeyResultId { get; set; }
    public KeyResult KeyResult { get; set; } = null!;
    public double Score { get; set; }
}
