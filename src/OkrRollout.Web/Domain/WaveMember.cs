namespace OkrRollout.Web.Domain;

/// <summary>A person's place in a programme: at most one wave per programme, optionally a group.</summary>
public class WaveMember
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public Programme Programme { get; set; } = null!;
    public int WaveId { get; set; }
    public Wave Wave { get; set; } = null!;
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public int? RolloutGroupId { get; set; }
    public RolloutGroup? RolloutGroup { get; set; }
}
