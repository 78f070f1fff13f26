using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Privacy;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.People;

/// <summary>Erasing the personal data of someone who left (GDPR Art. 17), after a confirmation; see <see cref="PersonErasure"/>.</summary>
[Authorize(Policy = Policies.Admin)]
public class EraseModel(AppDbContext db, PersonErasure erasure, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public Person Person { get; private set; } = null!;
    public ErasedIdentity Pseudonym { get; private set; } = null!;

    /// <summary>When the nightly job would erase the person anyway; null when it never will.</summary>
    public DateTime? AutomaticErasureAtUtc { get; private set; }

    [BindProperty]
    public bool Confirm { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (!Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), localizer["Tick the box to confirm that the personal data is to be erased."]);
            return Page();
        }
        TempData["Status"] = await erasure.EraseAsync(id, User, cancellationToken) ?? "Personal data erased.";
        return RedirectToPage("/People/Details", new { id });
    }

    /// <summary>Loads the person; the answer instead of the page when there is nobody to erase.</summary>
    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } person)
        {
            return NotFound();
        }
        if (person.IsActive || person.ErasedAtUtc is not null)
        {
            TempData["Status"] = person.IsActive ? PersonErasure.StillActive : PersonErasure.AlreadyErased;
            return RedirectToPage("/People/Details", new { id });
        }
        Person = person;
        Pseudonym = PersonErasure.Pseudonym(id);
        AutomaticErasureAtUtc = person.DeactivatedAtUtc is { } deactivated ? erasure.AutomaticErasureAtUtc(deactivated) : null;
        return null;
    }
}
