namespace OkrRollout.Web.Domain;

public enum ProgrammeRoleKind
{
    Ambassador,
    Coach,
    Trainer,
    GuildMember,
    Sponsor,
}
