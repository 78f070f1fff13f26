using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Htmx;
using OkrRollout.Web.Import;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.People.Import;

/// <summary>Step 3 of 3: a progress bar while the import runs, then what it did.</summary>
[Authorize(Policy = Policies.Ambassador)]
public class ProgressModel(AppDbContext db, PeopleImportQueue queue) : PageModel
{
    public PeopleImport Import { get; private set; } = null!;
    public ImportProgress Progress { get; private set; }
    public bool IsRunning => Import.Status == PeopleImportStatus.Running;
    public int Percent => Progress.Total == 0 ? 0 : (int)(100L * Progress.Done / Progress.Total);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var import = await db.PeopleImports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (import is null)
        {
            return NotFound();
        }
        Import = import;
        Progress = queue.ProgressOf(id) ?? new ImportProgress(0, 0);
        return Request.IsHtmxPartial() ? Partial("_ImportProgress", this) : Page();
    }
}
