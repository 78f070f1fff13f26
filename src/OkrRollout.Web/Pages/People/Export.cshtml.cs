using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Import;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;

namespace OkrRollout.Web.Pages.People;

/// <summary>
/// Active people in the import format. Finnish users get ';' as Finnish spreadsheets expect;
/// the import detects either.
/// </summary>
[Authorize(Policy = Policies.Ambassador)]
public class ExportModel(AppDbContext db, OrganisationTime time) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var separator = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fi" ? ';' : ',';
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"people-{time.Today:yyyy-MM-dd}.csv\"";
        var people = db.People.AsNoTracking()
            .Where(p => p.IsActive)
            .OrderBy(p => p.Unit.NamePath).ThenBy(p => p.Email)
            .Select(p => new PeopleCsvExportRow(p.Email, p.Name, p.Unit.NamePath, p.IsLead, p.PreferredLanguage, p.Manager == null ? null : p.Manager.Email))
            .AsAsyncEnumerable();
        await PeopleCsvWriter.WriteAsync(Response.Body, people, separator, cancellationToken);
        return new EmptyResult();
    }
}
