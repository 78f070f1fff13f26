using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.People;

/// <summary>Edit, deactivate and reactivate. People are never deleted here: their history stays.</summary>
[Authorize(Policy = Policies.Ambassador)]
public class EditModel(AppDbContext db, IStringLocalizer<SharedResource> localizer, Units.UnitPicker unitPicker, RoleGrants roleGrants) : PageModel
{
    public const string ErasedCannotReturn = "This person's personal data was erased: they cannot be changed or reactivated. If they return, add them as a new person.";

    [BindProperty]
    public PersonInput Input { get; set; } = new();

    public Person Person { get; private set; } = null!;
    public Units.UnitChoices Units { get; private set; } = new([], true);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } person)
        {
            return NotFound();
        }
        Person = person;
        Input = PersonInput.From(person);
        Units = await unitPicker.ChoicesAsync(Input.UnitId, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } person)
        {
            return NotFound();
        }
        Person = person;
        if (person.ErasedAtUtc is not null)
        {
            TempData["Status"] = ErasedCannotReturn;
            return RedirectToPage("/People/Details", new { id });
        }
        var (valid, managerId) = await Input.ValidateAsync(db, ModelState, id, localizer, cancellationToken);
        var oldEmail = person.Email;
        var newEmail = Person.NormaliseEmail(Input.Email);
        if (valid && await db.WhyNotChangeEmailAsync(oldEmail, newEmail, User, cancellationToken) is { } why)
        {
            ModelState.AddModelError("Input.Email", localizer[why]);
            valid = false;
        }
        if (!valid)
        {
            Units = await unitPicker.ChoicesAsync(Input.UnitId, cancellationToken);
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (newEmail != oldEmail)
        {
            await db.MoveSignInAsync(person.Id, oldEmail, newEmail, cancellationToken);
        }
        Input.ApplyTo(person, managerId);
        db.Audit(User, "person.updated", nameof(Domain.Person), person.Id, newEmail == oldEmail ? person.Email : $"{oldEmail} → {newEmail}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        TempData["Status"] = "Changes saved.";
        return RedirectToPage("/People/Details", new { id });
    }

    public Task<IActionResult> OnPostDeactivateAsync(int id, CancellationToken cancellationToken) =>
        SetActiveAsync(id, active: false, cancellationToken);

    public Task<IActionResult> OnPostReactivateAsync(int id, CancellationToken cancellationToken) =>
        SetActiveAsync(id, active: true, cancellationToken);

    private async Task<IActionResult> SetActiveAsync(int id, bool active, CancellationToken cancellationToken)
    {
        if (await db.People.FindAsync([id], cancellationToken) is not { } person)
        {
            return NotFound();
        }
        if (person.ErasedAtUtc is not null)
        {
            TempData["Status"] = ErasedCannotReturn;
            return RedirectToPage("/People/Details", new { id });
        }
        if (!active && await roleGrants.WhyNotDeactivateAsync(person.Email, User, cancellationToken) is { } why)
        {
            TempData["Status"] = why;
            return RedirectToPage("/People/Details", new { id });
        }
        person.IsActive = active;
        person.DeactivatedAtUtc = active ? null : db.Clock.GetUtcNow().UtcDateTime;
        db.Audit(User, active ? "person.reactivated" : "person.deactivated", nameof(Domain.Person), person.Id, person.Email);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (!active)
        {
            await db.RevokeAccessAsync([person.Id], cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        TempData["Status"] = active ? "Person reactivated." : "Person deactivated.";
        return RedirectToPage("/People/Details", new { id });
    }

    private Task<Person?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.People.Include(p => p.Manager).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
}
