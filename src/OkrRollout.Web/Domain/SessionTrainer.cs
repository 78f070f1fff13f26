namespace OkrRollout.Web.Domain;

public class SessionTrainer
{
    public int SessionId { get; set; }
    public TrainingSession Session { get; set; } = null!;
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
}
