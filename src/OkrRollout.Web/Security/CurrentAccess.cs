using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;

namespace OkrRollout.Web.Security;

/// <summary>
/// What a signed-in person may do, worked out again on every request from the database rather than
/// kept in the cookie: the roles an Admin granted and the ones their place in a roll-out team gives.
/// A session ends on its next request when the sign-in's security stamp changed (the person left, see
/// <see cref="AccessRevocation"/>) or their person in the directory is no longer active.
/// </summary>
public sealed class CurrentAccess(AppDbContext db)
{
    /// <summary>The person's roles now, or null when the session must end.</summary>
    public async Task<IReadOnlySet<string>?> RolesAsync(string userId, string? securityStamp, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.SecurityStamp }).SingleOrDefaultAsync(cancellationToken);
        if (user is null || securityStamp is null || user.SecurityStamp != securityStamp)
        {
            return null;
        }
        var person = await db.People.AsNoTracking().Where(p => p.Email == user.Email).Select(p => new { p.Id, p.IsActive }).SingleOrDefaultAsync(cancellationToken);
        if (person is { IsActive: false })
        {
            return null;
        }

        var roles = (await db.UserRoles.Where(ur => ur.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(cancellationToken)).ToHashSet();
        if (person is not null)
        {
            var team = await db.ProgrammeRoles.Where(r => r.PersonId == person.Id && Roles.FromTeam.Contains(r.Role)).Select(r => r.Role).Distinct().ToListAsync(cancellationToken);
            roles.UnionWith(team.Select(Roles.GivenBy).OfType<string>());
        }
        return roles;
    }

    /// <summary>The cookie's OnValidatePrincipal: replaces the roles the cookie carries with today's, or ends the session.</summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var identity = context.Principal?.Identity as ClaimsIdentity;
        var stampClaim = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var userId = identity?.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        var roles = identity is null || userId is null
            ? null
            : await services.GetRequiredService<CurrentAccess>().RolesAsync(userId, identity.FindFirst(stampClaim)?.Value, context.HttpContext.RequestAborted);
        if (roles is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        // Roles the provider's groups gave at sign-in last until the next sign-in; the app's own are today's.
        roles = new HashSet<string>(roles.Concat(identity!.FindAll(SingleSignOn.ProviderRoleClaim).Select(c => c.Value).Where(Roles.Granted.Contains)));
        var current = new ClaimsIdentity(identity!.Claims.Where(c => c.Type != identity.RoleClaimType), identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType);
        current.AddClaims(roles.Select(role => new Claim(identity.RoleClaimType, role)));
        context.ReplacePrincipal(new ClaimsPrincipal(current));
    }
}

/// <summary>Takes away the sign-ins of people who left: their sessions end, their open links stop working, and reactivating them brings neither back.</summary>
public static class AccessRevocation
{
    public static async Task RevokeAccessAsync(this AppDbContext db, IReadOnlyCollection<int> personIds, CancellationToken cancellationToken)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await db.SignInLinks.Where(l => personIds.Contains(l.PersonId) && l.UsedAtUtc == null && l.ExpiresAtUtc > now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAtUtc, now), cancellationToken);
        await db.CalendarFeeds.Where(f => personIds.Contains(f.PersonId)).ExecuteDeleteAsync(cancellationToken);
        var stamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
        // A new concurrency stamp too, so a sign-in saving the user it read before cannot write the old security stamp back.
        var concurrency = Guid.NewGuid().ToString();
        await db.Users.Where(u => db.People.Any(p => personIds.Contains(p.Id) && p.Email == u.Email))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, stamp).SetProperty(u => u.ConcurrencyStamp, concurrency), cancellationToken);
    }

    /// <summary>
    /// Why a person's address may not change from one to the other, or null. The address is who their
    /// sign-in is, so only an Admin changes the address of someone who has one.
    /// </summary>
    public static async Task<string?> WhyNotChangeEmailAsync(this AppDbContext db, string oldEmail, string newEmail, System.Security.Claims.ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (oldEmail == newEmail)
        {
            return null;
        }
        if (await db.Users.AnyAsync(u => u.Email == newEmail, cancellationToken))
        {
            return "A sign-in with this e-mail address already exists.";
        }
        return !actor.IsInRole(Roles.Admin) && await db.Users.AnyAsync(u => u.Email == oldEmail, cancellationToken)
            ? "This person has a sign-in: only an administrator can change their e-mail address."
            : null;
    }

    /// <summary>
    /// Before a person's address changes (in the caller's transaction): their open links stop working and their
    /// sessions end, since both were made for the old address, and their sign-in moves to the new address.
    /// </summary>
    public static async Task MoveSignInAsync(this AppDbContext db, int personId, string oldEmail, string newEmail, CancellationToken cancellationToken)
    {
        await db.RevokeAccessAsync([personId], cancellationToken);
        var normalized = newEmail.ToUpperInvariant();
        await db.Users.Where(u => u.Email == oldEmail).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.Email, newEmail).SetProperty(u => u.UserName, newEmail)
            .SetProperty(u => u.NormalizedEmail, normalized).SetProperty(u => u.NormalizedUserName, normalized), cancellationToken);
    }
}
