using Microsoft.AspNetCore.Identity;

namespace OkrRollout.Web.Security;

/// <summary>A sign-in. It is linked to its <see cref="Domain.Person"/> by e-mail.</summary>
public class AppUser : IdentityUser
{
}
