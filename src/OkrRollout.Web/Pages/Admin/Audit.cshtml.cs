using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Import;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;

namespace OkrRollout.Web.Pages.Admin;

/// <summary>Who changed what and when: every audit entry, filtered and paged newest first, and as CSV.</summary>
[Authorize(Policy = Policies.Admin)]
public class AuditModel(AppDbContext db, OrganisationTime time, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public AuditFilter Filter { get; set; } = new();

    public List<AuditRow> Rows { get; private set; } = [];

    /// <summary>The id to continue from for older entries; null on the last page.</summary>
    public long? Older { get; private set; }

    /// <summary>The filter names a person nobody is.</summary>
    public bool UnknownPerson { get; private set; }

    /// <summary>The kinds of record the app stores, for the entity filter.</summary>
    public IReadOnlyList<string> EntityTypes { get; private set; } = [];

    public sealed record AuditRow(AuditEntry Entry, string? AffectedName);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        EntityTypes = db.Model.GetEntityTypes().Where(t => !t.IsOwned() && t.ClrType.Namespace?.StartsWith("OkrRollout", StringComparison.Ordinal) == true)
            .Select(t => t.ClrType.Name).Distinct().Order(StringComparer.Ordinal).ToList();
        if (Filter.From > Filter.To)
        {
            ModelState.AddModelError("to", localizer["The end date is before the start date."]);
        }
        if (!ModelState.IsValid)
        {
            return;
        }
        if (await Filter.ApplyAsync(db, time, cancellationToken) is not { } entries)
        {
            UnknownPerson = true;
            return;
        }
        var page = await entries.Take(PageSize + 1).ToListAsync(cancellationToken);
        Older = page.Count > PageSize ? page[PageSize - 1].Id : null;
        var shown = page.Take(PageSize).ToList();
        var names = await NamesAsync(shown, cancellationToken);
        Rows = shown.Select(e => new AuditRow(e, e.AffectedPersonId is { } id ? names.GetValueOrDefault(id) : null)).ToList();
    }

    /// <summary>Every matching entry (not only a page) as CSV, UTC times in ISO 8601.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        Filter.Before = null;
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }
        if (await Filter.ApplyAsync(db, time, cancellationToken) is not { } entries)
        {
            return NotFound();
        }
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{time.Today:yyyy-MM-dd}.csv\"";
        string[] columns = ["id", "at_utc", "actor", "action", "entity_type", "entity_id", "affected_person_id", "details"];
        var rows = entries.AsAsyncEnumerable().Select(e => (string[])[
            e.Id.ToString(CultureInfo.InvariantCulture), DateTime.SpecifyKind(e.AtUtc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            e.Actor, e.Action, e.EntityType, e.EntityId ?? "", e.AffectedPersonId?.ToString(CultureInfo.InvariantCulture) ?? "", e.Details]);
        await CsvTable.WriteAsync(Response.Body, columns, rows, ',', cancellationToken);
        return new EmptyResult();
    }

    private async Task<Dictionary<int, string>> NamesAsync(List<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var ids = entries.Where(e => e.AffectedPersonId is not null).Select(e => e.AffectedPersonId!.Value).Distinct().ToList();
        return ids.Count == 0 ? [] : await db.People.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
    }
}
