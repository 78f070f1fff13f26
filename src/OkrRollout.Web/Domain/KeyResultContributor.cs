namespace OkrRollout.Web.Domain;

public class KeyResultContributor
{
    public int KeyResultId { get; set; }
    public KeyResult KeyResult { get; set; } = null!;
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
}
