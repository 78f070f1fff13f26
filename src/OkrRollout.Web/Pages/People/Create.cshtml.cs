using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.People;

[Authorize(Policy = Policies.Ambassador)]
public class CreateModel(AppDbContext db, IStringLocalizer<SharedResource> localizer, Units.UnitPicker unitPicker) : PageModel
{
    [BindProperty]
    public PersonInput Input { get; set; } = new();

    public Units.UnitChoices Units { get; private set; } = new([], true);

    public async Task OnGetAsync(int? unit, CancellationToken cancellationToken)
    {
        Input.UnitId = unit;
        Units = await unitPicker.ChoicesAsync(Input.UnitId, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (valid, managerId) = await Input.ValidateAsync(db, ModelState, personId: null, localizer, cancellationToken);
        if (!valid)
        {
            Units = await unitPicker.ChoicesAsync(Input.UnitId, cancellationToken);
            return Page();
        }

        var person = new Person { Name = "", Email = "" };
        Input.ApplyTo(person, managerId);
        db.People.Add(person);
        await db.SaveWithAuditAsync(User, "person.created", nameof(Person), () => person.Id, person.Email, cancellationToken);
        TempData["Status"] = "Person added.";
        return RedirectToPage("/People/Details", new { id = person.Id });
    }
}
