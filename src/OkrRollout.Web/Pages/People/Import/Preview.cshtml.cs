using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Import;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.People.Import;

/// <summary>Step 2 of 3: what the import will add, update and deactivate. Nothing is written until the ambassador confirms.</summary>
[Authorize(Policy = Policies.Ambassador)]
public class PreviewModel(AppDbContext db, PeopleImporter importer, PeopleImportQueue queue, IConfiguration configuration) : PageModel
{
    public const int RowsShown = 200;

    public PeopleImport Import { get; private set; } = null!;
    public PeopleImportPlan Plan { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var import = await db.PeopleImports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (import is null)
        {
            return NotFound();
        }
        if (import.Status != PeopleImportStatus.Previewed)
        {
            return RedirectToPage("/People/Import/Progress", new { id });
        }
        Import = import;
        Plan = await importer.PlanAsync(PeopleCsvReader.Read(import.Content, PeopleImportLimits.MaxFileBytes(configuration)), import.DeactivateMissing, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken cancellationToken)
    {
        // Only one confirm can move the import from Previewed to Running, however often the button is pressed.
        var claimed = await db.PeopleImports.Where(i => i.Id == id && i.Status == PeopleImportStatus.Previewed)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, PeopleImportStatus.Running), cancellationToken);
        if (claimed == 1)
        {
            await queue.EnqueueAsync(id, cancellationToken);
        }
        return RedirectToPage("/People/Import/Progress", new { id });
    }

    public async Task<IActionResult> OnPostDiscardAsync(Guid id, CancellationToken cancellationToken)
    {
        await db.PeopleImports.Where(i => i.Id == id && i.Status == PeopleImportStatus.Previewed).ExecuteDeleteAsync(cancellationToken);
        TempData["Status"] = "The import was discarded. Nothing was changed.";
        return RedirectToPage("/People/Import/Index");
    }
}
