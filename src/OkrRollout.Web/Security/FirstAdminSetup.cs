using Microsoft.AspNetCore.Identity;

namespace OkrRollout.Web.Security;

/// <summary>Without the demo there is no default password: the first admin signs up once, on /Account/Setup.</summary>
public class FirstAdminSetup(UserManager<AppUser> users)
{
    public async Task<bool> IsOpenAsync() => (await users.GetUsersInRoleAsync(Roles.Admin)).Count == 0;

    public async Task<IdentityResult> CreateAdminAsync(string email, string password)
    {
        var user = await users.FindByEmailAsync(Domain.Person.NormaliseEmail(email));
        IdentityResult result;
        if (user is null)
        {
            user = AppUser.For(email);
            result = await users.CreateAsync(user, password);
        }
        else
        {
            result = await users.HasPasswordAsync(user) ? await users.RemovePasswordAsync(user) : IdentityResult.Success;
            result = result.Succeeded ? await users.AddPasswordAsync(user, password) : result;
        }
        return result.Succeeded ? await users.AddToRoleAsync(user, Roles.Admin) : result;
    }
}
