using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Privacy;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;

namespace OkrRollout.Web.Pages.People;

/// <summary>
/// Everything stored about one person (GDPR Art. 15): as JSON (?format=json) or as a page of its own
/// to read, print or save (?download=true), in the person's language rather than the Admin's. Audited.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public class DataExportModel(AppDbContext db, PersonDataExport export, OrganisationTime time) : PageModel
{
    public PersonData Data { get; private set; } = null!;

    /// <summary>The person's language, which the page switches to for its rendering.</summary>
    public CultureInfo Culture { get; private set; } = AppCultures.English;

    public async Task<IActionResult> OnGetAsync(int id, string? format, bool download, CancellationToken cancellationToken)
    {
        if (await export.GatherAsync(id, cancellationToken) is not { } data)
        {
            return NotFound();
        }
        var json = format == "json";
        db.Audit(User, "person.data-exported", nameof(Person), id, json ? "json" : "html", affectedPersonId: id);
        await db.SaveChangesAsync(cancellationToken);
        var fileName = $"person-{id}-{time.Today:yyyy-MM-dd}";
        if (json)
        {
            return File(PersonDataExport.ToJson(Masked(data)), "application/json", fileName + ".json");
        }
        Data = Masked(data);
        Culture = AppCultures.For(data.Language.ToCode());
        if (download)
        {
            Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}.html\"";
        }
        return Page();
    }

    /// <summary>A personal link in a stored e-mail would let whoever reads the export act as the person (the outbox preview masks them too).</summary>
    private static PersonData Masked(PersonData data) =>
        data with { Emails = [.. data.Emails.Select(m => m with { Text = m.Text is null ? null : PersonalLinks.Mask(m.Text) })] };
}
