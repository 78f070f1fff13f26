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
    TimeProvider clock,
    SingleSignOnOptions sso)
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
        if (sso.OnlySingleSignOn)
        {
            return SignInResult.NotAllowed;
        }
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
        await RecordSignInAsync(user, claims.FirstOrDefault(c => c.Type == "amr")?.Value ?? user.LastSignInMethod);
        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }

    /// <summary>When and how the person signed in, for the users page; single sign-on signs in without this class's sign-in methods.</summary>
    public async Task RecordSignInAsync(AppUser user, string? method)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Only these two columns: saving the whole user read earlier could write back a security stamp changed meanwhile.
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAtUtc, now).SetProperty(u => u.LastSignInMethod, method));
        (user.LastSignInAtUtc, user.LastSignInMethod) = (now, method);
    }
}
