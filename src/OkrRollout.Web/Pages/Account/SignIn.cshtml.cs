using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Account;

[AllowAnonymous]
public class SignInModel(SignInManager<AppUser> signIn, FirstAdminSetup setup, AccountOptions account, SignInRequestLimiter limiter, SingleSignOnOptions sso, ILogger<SignInModel> logger, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [StringLength(TextLimits.Link, ErrorMessage = "The text can be at most {1} characters long.")]
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool SetupOpen { get; private set; }

    public int LinkMinutes => account.EmailedLinkMinutes;

    public bool SingleSignOnEnabled => sso.Enabled;

    public string ProviderName => sso.DisplayName;

    /// <summary>Passwords and e-mailed links are off: the page offers the provider only.</summary>
    public bool OnlySingleSignOn => sso.OnlySingleSignOn;

    public async Task OnGetAsync() => SetupOpen = await setup.IsOpenAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (OnlySingleSignOn)
        {
            logger.LogWarning("Password sign-in refused: passwords are off (Sso:PasswordsAndLinksOff)");
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        if (!ModelState.IsValid)
        {
            SetupOpen = await setup.IsOpenAsync();
            return Page();
        }

        var address = Domain.Person.NormaliseEmail(Input.Email);
        var client = EmailRequestPageModel.ClientOf(HttpContext);
        if (!limiter.TryAcquirePasswordAttempt(address, client))
        {
            logger.LogWarning("Password sign-in for {Email} from {Client} refused: too many attempts", address, client);
            ModelState.AddModelError(string.Empty, localizer["Too many sign-in attempts from here. Wait {0} minutes, or sign in by e-mail below.", account.RequestWindowMinutes]);
            SetupOpen = await setup.IsOpenAsync();
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(address, Input.Password, Input.RememberMe, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        logger.LogInformation("Password sign-in for {Email} from {Client} failed", address, client);
        ModelState.AddModelError(string.Empty, localizer["The e-mail address or password is wrong."]);
        SetupOpen = await setup.IsOpenAsync();
        return Page();
    }

    /// <summary>"Sign in with {provider}": off to the provider, and back to where the person was going.</summary>
    /// <param name="anotherAccount">The provider asks who is signing in even while it has a session (after a refusal, to switch accounts).</param>
    public IActionResult OnPostSingleSignOn(bool anotherAccount = false)
    {
        if (!sso.Enabled)
        {
            return NotFound();
        }
        var returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Url.Page("/Index");
        return Challenge(new OpenIdConnectChallengeProperties { RedirectUri = returnUrl, Prompt = anotherAccount ? "login" : null }, SingleSignOn.Scheme);
    }

    public class SignInInput
    {
        [StringLength(TextLimits.Email, ErrorMessage = "The e-mail address can be at most {1} characters long.")]
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [Display(Name = "E-mail")]
        public string Email { get; set; } = "";

        [StringLength(TextLimits.Password, ErrorMessage = "The text can be at most {1} characters long.")]
        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";

        [Display(Name = "Keep me signed in")]
        public bool RememberMe { get; set; }
    }
}
