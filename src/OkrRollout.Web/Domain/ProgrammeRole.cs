namespace OkrRollout.Web.Domain;

public class ProgrammeRole
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public Programme Programme { get; set; } = null!;
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public ProgrammeRoleKind Role { get; set; }
}

public enum ProgrammeRoleKind
{
    Ambassador,
    Coach,
    Trainer,
    GuildMember,
    Sponsor,
}
