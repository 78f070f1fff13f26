namespace OkrRollout.Web.Domain;

public class ProgrammeRole
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public Programme Programme { get; set; } = null!;
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public ProgrammeRoleKind Role { get; set; }

    /// <summary>For guild members: what they can help others with.</summary>
    public string HelpsWith { get; set; } = "";
}
