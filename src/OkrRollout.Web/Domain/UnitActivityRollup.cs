namespace OkrRollout.Web.Domain;

/// <summary>Precomputed per unit: its people's attendance and no-shows, and its key results' latest check-ins in the current period.</summary>
public class UnitActivityRollup
{
    public int UnitId { get; set; }
    public int Attended { get; set; }
    public int NoShows { get; set; }
    public bool HasKeyResults { get; set; }
    public DateOnly? LastCheckIn { get; set; }
    public double? AverageConfidence { get; set; }
}
