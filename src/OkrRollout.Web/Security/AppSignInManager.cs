using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OkrRollout.Web.Data;

namespace OkrRollout.Web.Security;

/// <summary>
/// Identity's sign-in with two rules of ours: a person who left (inactive in the directory) cannot
/// sign in by any way, and every sign-in records when and how it happened for the users page.
/// </summary>
public sealed class AppSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    AppDbContext db,
    TimeProvider clock)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>A hash to check a password against when there is no sign-in to check it against, so unknown addresses take as long.</summary>
    private static readonly Lazy<string> StandInHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    /// <summary>
    /// Password sign-in without lockout (anyone could lock out anyone by guessing; attempts are throttled
    /// instead, on the sign-in page), answering unknown and deactivated addresses after the same password check.
    /// </summary>
    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null || user.PasswordHash is null || !await CanSignInAsync(user))
        {
            UserManager.PasswordHasher.VerifyHashedPassword(user ?? new AppUser(), StandInHash.Value, password);
            return SignInResult.Failed;
        }
        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure: false);
    }

    public override async Task<bool> CanSignInAsync(AppUser user) =>
        await base.CanSignInAsync(user) && !await db.People.AnyAsync(p => p.Email == user.Email && !p.IsActive);

    public override async Task SignInWithClaimsAsync(AppUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var claims = additionalClaims.ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var method = claims.FirstOrDefault(c => c.Type == "amr")?.Value ?? user.LastSignInMethod;
        // Only these two columns: saving the whole user read earlier could write back a security stamp changed meanwhile.
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAtUtc, now).SetProperty(u => u.LastSignInMethod, method));
        (user.LastSignInAtUtc, user.LastSignInMethod) = (now, method);
        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }
}
