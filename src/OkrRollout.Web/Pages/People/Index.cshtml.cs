using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Htmx;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.People;

[Authorize(Policy = Policies.Member)]
public class IndexModel(AppDbContext db, Units.UnitPicker unitPicker) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public PeopleFilter Filter { get; set; } = new();

    public const int FewMatches = 500;

    public List<PersonRow> People { get; private set; } = [];
    /// <summary>Null when a text search matched more than <see cref="FewMatches"/> and was not counted.</summary>
    public int? Total { get; private set; }
    public int? PageCount => Total is { } total ? PageCountOf(total) : null;
    public bool HasNextPage { get; private set; }
    public Units.UnitChoices Units { get; private set; } = new([], true);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var (people, lookup) = await Filter.ApplyAsync(db, cancellationToken);
        // A name typed in full matches few people, and filling a page in name order would then read
        // everyone. So first look for a few matches in any order: when that finds them all, they are
        // the result; otherwise there are many, and the name order fills a page quickly.
        var few = await lookup.Select(p => p.Id).Take(FewMatches + 1).ToListAsync(cancellationToken);
        var foundAll = few.Count <= FewMatches;
        var ordered = foundAll ? db.People.AsNoTracking().Where(p => few.Contains(p.Id)) : people;
        // Counting many matches of a text search reads the whole directory (8–10 ms of a 17 ms request
        // at 100,000 people on SQLite) on every keystroke of someone looking for one person, so such a
        // search says "more than 500" and counts only when asked to.
        Total = foundAll ? few.Count
            : Filter.IsTextSearch && !Filter.CountAll ? null
            : await people.CountAsync(cancellationToken);
        Filter.PageNumber = Math.Clamp(Filter.PageNumber, 1, PageCount ?? int.MaxValue / PeopleFilter.PageSize);
        await ReadPageAsync(ordered, cancellationToken);
        if (Total is null && People.Count == 0 && Filter.PageNumber > 1)
        {
            // Past the last page of an uncounted search, as an old link may be: show the last page.
            Total = await people.CountAsync(cancellationToken);
            Filter.PageNumber = PageCountOf(Total.Value);
            await ReadPageAsync(ordered, cancellationToken);
        }

        if (Request.IsHtmxPartial())
        {
            return Partial("_PeopleResults", this);
        }
        Units = await unitPicker.ChoicesAsync(Filter.Unit, cancellationToken);
        return Page();
    }

    private async Task ReadPageAsync(IQueryable<Domain.Person> ordered, CancellationToken cancellationToken)
    {
        var rows = await ordered
            .OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Skip((Filter.PageNumber - 1) * PeopleFilter.PageSize).Take(PeopleFilter.PageSize + 1)
            .Select(p => new PersonRow(p.Id, p.Name, p.Email, p.Unit.NamePath, p.IsLead, p.PreferredLanguage, p.IsActive))
            .ToListAsync(cancellationToken);
        HasNextPage = rows.Count > PeopleFilter.PageSize;
        People = rows.Take(PeopleFilter.PageSize).ToList();
    }

    private static int PageCountOf(int total) => Math.Max(1, (total + PeopleFilter.PageSize - 1) / PeopleFilter.PageSize);

    public sealed record PersonRow(int Id, string Name, string Email, string UnitPath, bool IsLead, Domain.Language Language, bool IsActive);
}
