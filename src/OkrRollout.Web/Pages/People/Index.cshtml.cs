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

    public List<PersonRow> People { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PeopleFilter.PageSize - 1) / PeopleFilter.PageSize);
    public Units.UnitChoices Units { get; private set; } = new([], true);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var people = await Filter.ApplyAsync(db, cancellationToken);
        Total = await people.CountAsync(cancellationToken);
        Filter.PageNumber = Math.Clamp(Filter.PageNumber, 1, PageCount);
        People = await people
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
