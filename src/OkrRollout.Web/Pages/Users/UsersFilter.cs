using System.ComponentModel.DataAnnotations;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Pages.People;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Users;

/// <summary>The people filter, and how people sign in and which role they hold; bound from the query string.</summary>
public sealed class UsersFilter : PeopleFilter
{
    public SignInState? SignIn { get; set; }

    /// <summary>One of <see cref="Roles.Granted"/>, whether an Admin gave it or a roll-out team does.</summary>
    [StringLength(TextLimits.Link, ErrorMessage = "The text can be at most {1} characters long.")]
    public string? Role { get; set; }

    public Dictionary<string, string?> UsersRouteValues(int page)
    {
        var values = RouteValues(page);
        values["signIn"] = SignIn?.ToString();
        values["role"] = Role;
        return values;
    }

    public string Query(int page) =>
        Microsoft.AspNetCore.Http.QueryString.Create(UsersRouteValues(page).Where(v => v.Value is not null)).ToString();
}
