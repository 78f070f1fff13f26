using Microsoft.AspNetCore.Identity;
using OkrRollout.Web.Data;

namespace OkrRollout.Web.Security;

/// <summary>Without the demo there is no default password: the first admin signs up once, on /Account/Setup.</summary>
public class FirstAdminSetup(UserManager<AppUser> users)
{
    public async Task<bool> IsOpenAsync() => (await users.GetUsersInRoleAsync(Roles.Admin)).Count == 0;

    /// <summary>Only a new sign-in becomes the first admin: the page is anonymous, so it must not set the password of one that exists.</summary>
    public async Task<IdentityResult> CreateAdminAsync(string email, string password)
    {
        var user = AppUser.For(email);
        var result = await users.CreateAsync(user, password);
        return result.Succeeded ? await users.AddToRoleAsync(user, Roles.Admin) : result;
    }
}
