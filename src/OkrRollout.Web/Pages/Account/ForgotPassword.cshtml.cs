using Microsoft.AspNetCore.Authorization;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Account;

/// <summary>"Forgot your password?": a reset link by e-mail.</summary>
[AllowAnonymous]
public class ForgotPasswordModel(SignInMail mail, AccountOptions account) : EmailRequestPageModel(account)
{
    protected override Task RequestAsync(string client, CancellationToken cancellationToken) =>
        mail.RequestPasswordResetAsync(Email, client, cancellationToken);
}
