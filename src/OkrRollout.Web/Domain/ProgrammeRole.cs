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

/// <summary>A unit an ambassador or coach looks after; it covers the unit's sub-units too.</summary>
public class UnitCoverage
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public Programme Programme { get; set; } = null!;
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public int UnitId { get; set; }
    public OrgUnit Unit { get; set; } = null!;
}

public enum ProgrammeRoleKind
{
    Ambassador,
    Coach,
    Trainer,
    GuildMember,
    Sponsor,
}
