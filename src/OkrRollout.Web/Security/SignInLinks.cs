using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;

namespace OkrRollout.Web.Security;

/// <summary>
/// Personal sign-in links: random tokens, stored only as a SHA-256 hash, single use, expiring.
/// Using one signs the person in, creating their sign-in (role Member) on first use.
/// </summary>
public class SignInLinks(AppDbContext db, UserManager<AppUser> users, AccountOptions account, SingleSignOnOptions sso, EmailLinks emailLinks, TimeProvider clock)
{
    /// <summary>How long a link in an invitation works; one a person asks for works <see cref="AccountOptions.EmailedLinkMinutes"/>.</summary>
    public TimeSpan InvitationLifetime => account.InvitationLinkLifetime;

    public static string NewToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The address a token is opened at, from the configured public base URL.</summary>
    public string Url(string token, string? returnUrl = null) => emailLinks.ToPage("/Account/Link", new { token, returnUrl });

    /// <summary>
    /// What an invitation carries: the personal link, or, when single sign-on is the only way in, the
    /// sign-in page with the provider's button and the template that says so.
    /// </summary>
    public (string Link, EmailTemplate Template) Invitation(string token, EmailTemplate template) => sso.OnlySingleSignOn
        ? (emailLinks.ToPage("/Account/SignIn"), template switch
        {
            EmailTemplate.OnboardingInvitation => EmailTemplate.OnboardingInvitationSingleSignOn,
            EmailTemplate.SignInInvitation => EmailTemplate.SignInInvitationSingleSignOn,
            _ => throw new ArgumentOutOfRangeException(nameof(template), template, "not an invitation"),
        })
        : (Url(token), template);

    /// <summary>Adds a new link for the person to the context (saved with the caller's changes) and returns its token.</summary>
    public string Add(int personId, TimeSpan lifetime)
    {
        var token = NewToken();
        var now = clock.GetUtcNow().UtcDateTime;
        db.SignInLinks.Add(new SignInLink { TokenHash = Hash(token), PersonId = personId, CreatedAtUtc = now, ExpiresAtUtc = now + lifetime });
        return token;
    }

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
        return await UserAccounts.FindOrCreateAsync(users, link.Person.Email);
    }
}

/// <summary>Sign-ins are created in one way: under the person's normalised e-mail address, as a Member.</summary>
public static class UserAccounts
{
    public static async Task<AppUser> FindOrCreateAsync(UserManager<AppUser> users, string email, string? password = null)
    {
        var user = await users.FindByEmailAsync(Person.NormaliseEmail(email));
        if (user is not null)
        {
            return user;
        }
        user = AppUser.For(email);
        var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (created.Succeeded)
        {
            created = await users.AddToRoleAsync(user, Roles.Member);
        }
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        return user;
    }
}
