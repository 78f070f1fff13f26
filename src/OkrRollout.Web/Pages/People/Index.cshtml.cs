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

    private const int FewMatches = 500;

    public List<PersonRow> People { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PeopleFilter.PageSize - 1) / PeopleFilter.PageSize);
    public Units.UnitChoices Units { get; private set; } = new([], true);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var people = await Filter.ApplyAsync(db, cancellationToken);
        // A name typed in full matches few people, and filling a page in name order would then read
        // everyone (25 ms at 100,000 for no match). So first look for a few matches in any order: when
        // that finds them all, they are the result; otherwise there are many, and the name order
        // fills a page quickly.
        var few = await people.Select(p => p.Id).Take(FewMatches + 1).ToListAsync(cancellationToken);
        var foundAll = few.Count <= FewMatches;
        var ordered = foundAll ? db.People.AsNoTracking().Where(p => few.Contains(p.Id)) : people;
        Total = foundAll ? few.Count : await people.CountAsync(cancellationToken);
        Filter.PageNumber = Math.Clamp(Filter.PageNumber, 1, PageCount);
        People = await ordered
            .OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Skip((Filter.PageNumber - 1) * PeopleFilter.PageSize).Take(PeopleFilter.PageSize)
            .Select(p => new PersonRow(p.Id, p.Name, p.Email, p.Unit.NamePath, p.IsLead, p.PreferredLanguage, p.IsActive))
            .ToListAsync(cancellationToken);

        if (Request.IsHtmxPartial())
        {
            return Partial("_PeopleResults", this);
        }
        Units = await unitPicker.ChoicesAsync(Filter.Unit, cancellationToken);
        return Page();
    }

    public sealed record PersonRow(int Id, string Name, string Email, string UnitPath, bool IsLead, Domain.Language Language, bool IsActive);
}
