using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Account;

/// <summary>"E-mail me a sign-in link": the way back in for people without a password.</summary>
[AllowAnonymous]
public class EmailLinkModel(SignInMail mail, AccountOptions account) : EmailRequestPageModel(account)
{
    /// <summary>The page the person was on their way to; the e-mailed link takes them there.</summary>
    [StringLength(TextLimits.Link, ErrorMessage = "The text can be at most {1} characters long.")]
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    protected override Task RequestAsync(string client, CancellationToken cancellationToken) =>
        mail.RequestSignInLinkAsync(Email, client, Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null, cancellationToken);
}
