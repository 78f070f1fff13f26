using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using OkrRollout.Web.Data;

namespace OkrRollout.Web.Security;

/// <summary>Without the demo there is no default password: the first admin signs up once, on /Account/Setup.</summary>
public class FirstAdminSetup(UserManager<AppUser> users, AppDbContext db)
{
    public async Task<bool> IsOpenAsync() => (await users.GetUsersInRoleAsync(Roles.Admin)).Count == 0;

    /// <summary>Only a new sign-in becomes the first admin: the page is anonymous, so it must not set the password of one that exists.</summary>
    public async Task<IdentityResult> CreateAdminAsync(string email, string password)
    {
        var user = AppUser.For(email);
        // One entry says what happened, not one per save Identity makes.
        var result = await db.WithAuditToFollowAsync(async () =>
        {
            var created = await users.CreateAsync(user, password);
            return created.Succeeded ? await users.AddToRoleAsync(user, Roles.Admin) : created;
        });
        if (result.Succeeded)
        {
            db.Audit(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Email!)], "setup")), "account.first-admin-created", nameof(AppUser), user.Id, user.Email!);
            await db.SaveChangesAsync();
        }
        return result;
    }
}
