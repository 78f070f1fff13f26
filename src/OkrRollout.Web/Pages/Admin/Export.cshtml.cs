using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OkrRollout.Web.Data;
using OkrRollout.Web.Privacy;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Admin;

/// <summary>The whole organisation's data in a zip of CSV files, for a customer who leaves the product.</summary>
[Authorize(Policy = Policies.Admin)]
public class ExportModel(AppDbContext db, OrganisationExport export) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var made = await export.CreateAsync(cancellationToken);
        try
        {
            // Which files and how many rows: enough to tell what left, and no personal data.
            db.Audit(User, "organisation.exported", "Organisation", null, string.Join(", ", made.Files.Select(f => $"{f.Name} {f.Rows}")));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            await made.Content.DisposeAsync();
            throw;
        }
        // The result closes the stream when it is sent, and closing deletes the temporary file.
        return File(made.Content, "application/zip", made.FileName);
    }
}
