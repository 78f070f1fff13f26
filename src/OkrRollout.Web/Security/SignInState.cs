using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Security;

/// <summary>How a person of the directory gets in: not yet, by e-mailed link, with a password of their own, or through the organisation's provider.</summary>
public enum SignInState
{
    NeverSignedIn,
    Link,
    Password,

    /// <summary>Last signed in through single sign-on, whatever else their sign-in has.</summary>
    SingleSignOn,
}

/// <summary>A person's sign-in as the users, person and wave pages show it.</summary>
public sealed record SignInSummary(SignInState State, DateTime? LastSignInAtUtc)
{
    public static readonly SignInSummary None = new(SignInState.NeverSignedIn, null);
}

/// <summary>The one definition of <see cref="SignInState"/>, for one sign-in and as a filter of the directory.</summary>
public static class SignInStates
{
    public static SignInState Of(DateTime? lastSignInAtUtc, bool hasPassword, string? lastSignInMethod) =>
        lastSignInAtUtc is null ? SignInState.NeverSignedIn
        : lastSignInMethod == SignInMethods.SingleSignOn ? SignInState.SingleSignOn
        : hasPassword ? SignInState.Password : SignInState.Link;

    public static async Task<SignInSummary> OfAsync(AppDbContext db, string email, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Email == email)
            .Select(u => new { u.LastSignInAtUtc, HasPassword = u.PasswordHash != null, u.LastSignInMethod }).SingleOrDefaultAsync(cancellationToken);
        return user is null ? SignInSummary.None : new SignInSummary(Of(user.LastSignInAtUtc, user.HasPassword, user.LastSignInMethod), user.LastSignInAtUtc);
    }

    public static IQueryable<AppUser> WithSignInState(this IQueryable<AppUser> users, SignInState state) => state switch
    {
        SignInState.NeverSignedIn => users.Where(u => u.LastSignInAtUtc == null),
        SignInState.SingleSignOn => users.Where(u => u.LastSignInAtUtc != null && u.LastSignInMethod == SignInMethods.SingleSignOn),
        SignInState.Link => users.Where(u => u.LastSignInAtUtc != null && u.LastSignInMethod != SignInMethods.SingleSignOn && u.PasswordHash == null),
        _ => users.Where(u => u.LastSignInAtUtc != null && u.LastSignInMethod != SignInMethods.SingleSignOn && u.PasswordHash != null),
    };

    /// <summary>People by their sign-in's state; a person without a sign-in has never signed in.</summary>
    /// <summary>The people who were e-mailed a sign-in link (an onboarding invitation or a new link) at least once.</summary>
    public static IQueryable<Person> SentASignInLink(this IQueryable<Person> people, AppDbContext db) =>
        people.Where(p => db.SignInLinks.Any(l => l.PersonId == p.Id));

    public static IQueryable<Person> WithSignInState(this IQueryable<Person> people, AppDbContext db, SignInState state)
    {
        if (state == SignInState.NeverSignedIn)
        {
            var signedIn = db.Users.Where(u => u.LastSignInAtUtc != null);
            return people.Where(p => !signedIn.Any(u => u.Email == p.Email));
        }
        var matching = db.Users.WithSignInState(state);
        return people.Where(p => matching.Any(u => u.Email == p.Email));
    }
}
