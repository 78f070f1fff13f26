namespace OkrRollout.Web.Pages.Account;

/// <summary>The one-field form that asks for a link by e-mail (sign-in link, password reset), shared by the pages that offer it.</summary>
public sealed record EmailFormView(string Page, string Id, string Email, string Button, string? ReturnUrl = null);
