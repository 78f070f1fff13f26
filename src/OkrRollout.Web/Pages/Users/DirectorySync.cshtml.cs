using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Scim;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Users;

/// <summary>The bearer tokens of directory sync (SCIM): made here and shown once, revoked here.</summary>
[Authorize(Policy = Policies.Admin)]
public class DirectorySyncModel(ScimTokens tokens, EmailOptions email, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public List<ScimToken> Tokens { get; private set; } = [];

    /// <summary>The token just made: on this one answer only, never stored.</summary>
    public string? NewToken { get; private set; }

    public string? NewTokenName { get; private set; }

    /// <summary>The address to give the provider: the public base URL once it is set for the organisation, else the one this page was opened at.</summary>
    public string ScimUrl => (MailReadiness.IsPublicAddress(email.PublicBaseUrl) ? email.PublicBaseUrl.TrimEnd('/') : $"{Request.Scheme}://{Request.Host}{Request.PathBase}") + "/scim/v2";

    [BindProperty]
    [StringLength(TextLimits.Name, ErrorMessage = "The name can be at most {1} characters long.")]
    public string? Name { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Just made: shown on this one view after the redirect, so reloading neither shows it again nor makes another.
        if (TempData[nameof(NewToken)] is string made)
        {
            NewToken = made;
            NewTokenName = TempData[nameof(NewTokenName)] as string;
            Response.Headers.CacheControl = "no-store";
        }
        Tokens = await tokens.ListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            ModelState.AddModelError(nameof(Name), localizer["Give the token a name."]);
        }
        if (!ModelState.IsValid)
        {
            Tokens = await tokens.ListAsync(cancellationToken);
            return Page();
        }
        var (token, value) = await tokens.CreateAsync(Name!, User, cancellationToken);
        // TempData is a data-protected cookie, gone once read.
        TempData[nameof(NewToken)] = value;
        TempData[nameof(NewTokenName)] = token.Name;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken cancellationToken)
    {
        if (!await tokens.RevokeAsync(id, User, cancellationToken))
        {
            return NotFound();
        }
        TempData["Status"] = "The token was revoked: requests with it are refused from now on.";
        return RedirectToPage();
    }
}
