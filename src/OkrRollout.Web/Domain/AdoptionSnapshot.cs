namespace OkrRollout.Web.Domain;

/// <summary>
/// Nightly figures per programme and wave (WaveId null: the whole programme), kept for trend
/// charts: how many people the wave has, how many were invited to a core session and how many
/// attended one. The adoption dashboard adds the later stages.
/// </summary>
public class AdoptionSnapshot
{
    public long Id { get; set; }
    public DateOnly Date { get; set; }
    public int ProgrammeId { get; set; }
    public int? WaveId { get; set; }
    public int Members { get; set; }
    public int Invited { get; set; }
    public int Trained { get; set; }
}
