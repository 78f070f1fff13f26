using Microsoft.AspNetCore.Identity;

namespace OkrRollout.Web.Security;

/// <summary>Without the demo there is no default password: the first admin signs up once, on /Account/Setup.</summary>
public class FirstAdminSetup(UserManager<AppUser> users)
{
    public async Task<bool> IsOpenAsync() => (await users.GetUsersInRoleAsync(Roles.Admin)).Count == 0;

    public async Task<IdentityResult> CreateAdminAsync(string email, string password)
    {
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
        var result = await users.CreateAsync(user, password);
        return result.Succeeded ? await users.AddToRoleAsync(user, Roles.Admin) : result;
    }
}
