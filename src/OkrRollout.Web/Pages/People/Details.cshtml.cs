using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Adoption;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Okr;
using OkrRollout.Web.Pages.Programmes;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.People;

[Authorize(Policy = Policies.Member)]
public class DetailsModel(AppDbContext db, AdoptionFigures figures, OkrAccess access, SignInMail signInMail, Email.MailReadiness readiness, IAuthorizationService authorization, IStringLocalizer<SharedResource> localizer, StageCorrections corrections) : PageModel
{
    /// <summary>Named stages are for ambassadors and admins, and for a lead about their own people.</summary>
    public PersonStage? Stage { get; private set; }
    public Programme? Programme { get; private set; }
    public bool CanOverride { get; private set; }

    [BindProperty]
    public OnboardingStage OverrideStage { get; set; } = OnboardingStage.Trained;

    [StringLength(TextLimits.Reason, ErrorMessage = "The text can be at most {1} characters long.")]
    [BindProperty]
    public string? OverrideReason { get; set; }

    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostOverrideAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || Programme is null)
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(OverrideReason))
        {
            ModelState.AddModelError(nameof(OverrideReason), localizer["Say why, e.g. trained elsewhere or on leave."]);
            return Page();
        }
        await corrections.SetAsync(Programme.Id, [id], OverrideStage, OverrideReason, User, cancellationToken);
        TempData["Status"] = "Saved.";
        return RedirectToPage(new { id });
    }

    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostClearOverrideAsync(int id, CancellationToken cancellationToken)
    {
        await corrections.ClearAsync(await ProgrammeQueries.CurrentIdAsync(db, cancellationToken), id, User, cancellationToken);
        TempData["Status"] = "Saved.";
        return RedirectToPage(new { id });
    }

    /// <summary>A new personal sign-in link by e-mail, in the person's language.</summary>
    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostSendLinkAsync(int id, CancellationToken cancellationToken)
    {
        if (!await db.People.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return NotFound();
        }
        (TempData["Status"], TempData["StatusArgs"]) = SignInLinkStatus.Of(await signInMail.InviteAsync([id], User, cancellationToken), readiness);
        return RedirectToPage(new { id });
    }

    public Person Person { get; private set; } = null!;

    /// <summary>Shown to ambassadors and admins.</summary>
    public SignInSummary? SignInState { get; private set; }
    public List<Person> DirectReports { get; private set; } = [];
    public List<WaveMember> Waves { get; private set; } = [];
    public List<ProgrammeRole> Roles { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().Include(p => p.Unit).Include(p => p.Manager)
            .SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null)
        {
            return false;
        }
        Person = person;
        DirectReports = await db.People.AsNoTracking().Where(p => p.ManagerId == id && p.IsActive).OrderBy(p => p.Name).ToListAsync(cancellationToken);
        Waves = await db.WaveMembers.AsNoTracking().Include(m => m.Wave).ThenInclude(w => w.Programme).Include(m => m.RolloutGroup)
            .Where(m => m.PersonId == id).OrderBy(m => m.Wave.PlannedStart).ToListAsync(cancellationToken);
        Roles = await db.ProgrammeRoles.AsNoTracking().Include(r => r.Programme)
            .Where(r => r.PersonId == id).OrderBy(r => r.Programme.Name).ThenBy(r => r.Role).ToListAsync(cancellationToken);
        CanOverride = (await authorization.AuthorizeAsync(User, Policies.Ambassador)).Succeeded;
        if (CanOverride)
        {
            SignInState = await SignInStates.OfAsync(db, person.Email, cancellationToken);
        }
        var seesStage = CanOverride || await access.CanEditUnitAsync(User, person.UnitId, cancellationToken);
        var (_, programme) = await ProgrammeQueries.FindOrCurrentAsync(db, null, cancellationToken);
        Programme = programme;
        if (seesStage && programme is not null)
        {
            Stage = (await figures.StagesAsync(programme.Id, [person.UnitId], cancellationToken)).SingleOrDefault(s => s.PersonId == id);
        }
        return true;
    }
}
