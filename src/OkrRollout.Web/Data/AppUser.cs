using Microsoft.AspNetCore.Identity;

namespace OkrRollout.Web.Data;

/// <summary>
/// A sign-in. It is linked to its <see cref="Domain.Person"/> by e-mail, which is stored normalised
/// as the person's is (<see cref="Domain.Person.NormaliseEmail"/>), so the two join on an index.
/// </summary>
public class AppUser : IdentityUser
{
    public DateTime? LastSignInAtUtc { get; set; }

    /// <summary>How the person last signed in ("pwd", "link" or "sso", in the manner of the "amr" claim Identity writes).</summary>
    public string? LastSignInMethod { get; set; }

    public static AppUser For(string email)
    {
        var normalised = Domain.Person.NormaliseEmail(email);
        return new AppUser { UserName = normalised, Email = normalised, EmailConfirmed = true };
    }
}
