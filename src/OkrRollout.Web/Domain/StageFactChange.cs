namespace OkrRollout.Web.Domain;

/// <summary>
/// A fact behind the stages changed: the unit whose roll-ups are out of date, or — with no unit —
/// only names, plans or snapshots changed, so cached figures are stale; <see cref="Everything"/> asks for all.
/// </summary>
public class StageFactChange
{
    public long Id { get; set; }
    public int? UnitId { get; set; }
    public bool Everything { get; set; }
}
