using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Localization;

namespace OkrRollout.Web.Security;

/// <summary>Identity's own messages are English only; the ones a person can meet here are translated.</summary>
public class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> localizer) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), localizer["The password must be at least {0} characters long.", length]);

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), localizer["The password must contain a digit."]);

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), localizer["The password must contain a lower-case letter."]);

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), localizer["The password must contain an upper-case letter."]);

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), localizer["The e-mail address {0} already has a sign-in.", email]);

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), localizer["The e-mail address {0} already has a sign-in.", userName]);

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), localizer["Enter a valid e-mail address."]);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
