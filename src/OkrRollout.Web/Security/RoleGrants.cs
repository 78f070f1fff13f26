using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Security;

/// <summary>The rules that keep an install administrable; each answer is a reason to refuse (a localisation key) or null.</summary>
public static class RoleRules
{
    public const string OwnAdminRole = "You cannot take away your own administrator role: another administrator can.";
    public const string LastAdmin = "This is the last administrator: make someone else an administrator first.";
    public const string DeactivateYourself = "You cannot deactivate yourself: another administrator or ambassador can.";
    public const string DeactivateLastAdmin = "This person is the last administrator: make someone else an administrator before deactivating them.";
    public const string UnknownRole = "Choose Admin, Ambassador or Leader.";
    public const string Inactive = DirectoryLookup.Inactive;
    public const string Unknown = DirectoryLookup.Unknown;

    public static string? WhyNotGrant(string role, bool personInactive) =>
        !Roles.Granted.Contains(role) ? UnknownRole : personInactive ? Inactive : null;

    public static string? WhyNotRevoke(string role, bool isSelf, int activeAdmins) =>
        role != Roles.Admin ? null : isSelf ? OwnAdminRole : activeAdmins <= 1 ? LastAdmin : null;

    public static string? WhyNotDeactivate(bool isSelf, bool isAdmin, int activeAdmins) =>
        isSelf ? DeactivateYourself : isAdmin && activeAdmins <= 1 ? DeactivateLastAdmin : null;
}

/// <summary>Grants and revokes the roles an Admin gives (<see cref="Roles.Granted"/>), by the rules of <see cref="RoleRules"/>, audited.</summary>
public sealed class RoleGrants(AppDbContext db, UserManager<AppUser> users)
{
    public async Task<string?> GrantAsync(string email, string role, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var address = Person.NormaliseEmail(email);
        var person = await db.People.Where(p => p.Email == address).Select(p => new { p.IsActive }).SingleOrDefaultAsync(cancellationToken);
        if (person is null && await users.FindByEmailAsync(address) is null)
        {
            return RoleRules.Unknown;
        }
        if (RoleRules.WhyNotGrant(role, person is { IsActive: false }) is { } why)
        {
            return why;
        }
        var user = await UserAccounts.FindOrCreateAsync(users, address);
        if (!await users.IsInRoleAsync(user, role))
        {
            Check(await users.AddToRoleAsync(user, role));
            db.Audit(actor, "user.role-granted", nameof(AppUser), user.Id, $"{address}: {role}");
            await db.SaveChangesAsync(cancellationToken);
        }
        return null;
    }

    public async Task<string?> RevokeAsync(string email, string role, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var address = Person.NormaliseEmail(email);
        var user = await users.FindByEmailAsync(address);
        if (user is null || !Roles.Granted.Contains(role) || !await users.IsInRoleAsync(user, role))
        {
            return null;
        }
        // Serializable: two Admins taking each other's role at once must not leave none (one of them fails instead).
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
        if (RoleRules.WhyNotRevoke(role, IsSelf(actor, address), await ActiveAdminCountAsync(cancellationToken)) is { } why)
        {
            return why;
        }
        Check(await users.RemoveFromRoleAsync(user, role));
        db.Audit(actor, "user.role-revoked", nameof(AppUser), user.Id, $"{address}: {role}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    public async Task<string?> WhyNotDeactivateAsync(string personEmail, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var isAdmin = await AdminsQuery().AnyAsync(u => u.Email == personEmail, cancellationToken);
        return RoleRules.WhyNotDeactivate(IsSelf(actor, personEmail), isAdmin, await ActiveAdminCountAsync(cancellationToken));
    }

    /// <summary>Admins who can still sign in: a person who left is locked out, administrator or not.</summary>
    public Task<int> ActiveAdminCountAsync(CancellationToken cancellationToken) =>
        AdminsQuery().CountAsync(u => !db.People.Any(p => p.Email == u.Email && !p.IsActive), cancellationToken);

    private IQueryable<AppUser> AdminsQuery() => db.UsersInRole(Roles.Admin);

    private static bool IsSelf(ClaimsPrincipal actor, string address) =>
        actor.Identity?.Name is { } name && Person.NormaliseEmail(name) == address;

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
