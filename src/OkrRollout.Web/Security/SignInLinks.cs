using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Security;

/// <summary>
/// Personal sign-in links: random tokens, stored only as a SHA-256 hash, single use, expiring.
/// Using one signs the person in, creating their sign-in (role Member) on first use.
/// </summary>
public class SignInLinks(AppDbContext db, UserManager<AppUser> users, IConfiguration configuration, TimeProvider clock)
{
    public TimeSpan Lifetime => TimeSpan.FromDays(configuration.GetValue("SignInLinks:ValidDays", 14));

    public static string NewToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public Task<SignInLink?> FindUsableAsync(string token, CancellationToken cancellationToken)
    {
        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        return db.SignInLinks.Include(l => l.Person)
            .SingleOrDefaultAsync(l => l.TokenHash == hash && l.UsedAtUtc == null && l.ExpiresAtUtc > now && l.Person.IsActive, cancellationToken);
    }

    /// <summary>Marks the link used (only one request can) and returns the person's sign-in, or null when the link is spent.</summary>
    public async Task<AppUser?> RedeemAsync(string token, CancellationToken cancellationToken)
    {
        var link = await FindUsableAsync(token, cancellationToken);
        if (link is null)
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var redeemed = await db.SignInLinks.Where(l => l.Id == link.Id && l.UsedAtUtc == null).ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAtUtc, now), cancellationToken);
        if (redeemed == 0)
        {
            return null;
        }

        var user = await users.FindByEmailAsync(link.Person.Email);
        if (user is null)
        {
            user = new AppUser { UserName = link.Person.Email, Email = link.Person.Email, EmailConfirmed = true };
            var created = await users.CreateAsync(user);
            if (created.Succeeded)
            {
                created = await users.AddToRoleAsync(user, Roles.Member);
            }
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }
        }
        return user;
    }
}
