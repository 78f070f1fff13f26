using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Security;

public static class Roles
{
    public const string Admin = nameof(Admin);
    public const string Ambassador = nameof(Ambassador);
    public const string Leader = nameof(Leader);
    public const string Member = nameof(Member);

    public static readonly string[] All = [Admin, Ambassador, Leader, Member];

    /// <summary>The roles an Admin grants and revokes on the users page; everyone signed in is a Member.</summary>
    public static readonly string[] Granted = [Admin, Ambassador, Leader];

    /// <summary>The programme roles that carry rights: the roll-out team plans the roll-out, its sponsor leads it.</summary>
    public static readonly ProgrammeRoleKind[] FromTeam = [ProgrammeRoleKind.Ambassador, ProgrammeRoleKind.Coach, ProgrammeRoleKind.Sponsor];

    /// <summary>The role a place in a programme's roll-out team gives, or null when it gives none.</summary>
    public static string? GivenBy(ProgrammeRoleKind kind) => kind switch
    {
        ProgrammeRoleKind.Ambassador or ProgrammeRoleKind.Coach => Ambassador,
        ProgrammeRoleKind.Sponsor => Leader,
        _ => null,
    };
}

/// <summary>The sign-ins an Admin gave a role (Identity's tables), as a query to narrow further.</summary>
public static class RoleHolders
{
    public static IQueryable<AppUser> UsersInRole(this Data.AppDbContext db, string role) =>
        db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));
}

/// <summary>Every page names one of these in its [Authorize] attribute.</summary>
public static class Policies
{
    /// <summary>Any signed-in person.</summary>
    public const string Member = nameof(Member);

    /// <summary>Leadership and the roll-out team.</summary>
    public const string Leader = nameof(Leader);

    /// <summary>Plans and changes the roll-out.</summary>
    public const string Ambassador = nameof(Ambassador);

    public const string Admin = nameof(Admin);
}
