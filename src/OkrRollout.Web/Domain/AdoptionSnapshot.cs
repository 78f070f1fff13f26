namespace OkrRollout.Web.Domain;

/// <summary>
/// Nightly figures per programme and wave (WaveId null: the whole programme), kept for trend
/// charts: how many people, and how many are at each onboarding stage (Invited and Trained count
/// everyone who got at least that far).
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
    public int Drafting { get; set; }
    public int Aligned { get; set; }
    public int Practising { get; set; }
}
